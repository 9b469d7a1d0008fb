import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queuedChanges } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import type { TodayResponse } from "@/types/api";
import { withPendingChanges } from "./set-entry";

/**
 * The day as the server (or, offline, the service worker's last copy) has it, with the
 * check-ins that still wait to be sent on top, so that a reload offline shows them.
 */
export async function getToday(date: string): Promise<TodayResponse> {
  const [today, changes] = await Promise.all([
    api.get<TodayResponse>("/api/today", { params: { date } }),
    queuedChanges().catch(() => []),
  ]);
  return withPendingChanges(today, date, changes);
}

export function useToday(date: string) {
  return useQuery({ queryKey: queryKeys.today(date), queryFn: () => getToday(date) });
}
