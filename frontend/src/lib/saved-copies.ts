// The service worker's saved API answers (src/sw.ts keeps them in this Cache Storage cache),
// read by the page when the worker has no copy of the exact request, such as Today on a new day
// that was never opened online.
import type { TodayResponse } from "@/types/api";

const API_CACHE = "api-reads";

/** The newest saved Today before `date`, if the app has one. */
export async function savedTodayBefore(date: string): Promise<TodayResponse | null> {
  if (typeof caches === "undefined") return null;
  const cache = await caches.open(API_CACHE);
  let newest: { date: string; request: Request } | null = null;
  for (const request of await cache.keys()) {
    const url = new URL(request.url);
    const day = url.searchParams.get("date");
    if (url.pathname !== "/api/today" || !day || day >= date) continue;
    if (!newest || day > newest.date) newest = { date: day, request };
  }
  if (!newest) return null;
  const response = await cache.match(newest.request);
  return response ? ((await response.json()) as TodayResponse) : null;
}
