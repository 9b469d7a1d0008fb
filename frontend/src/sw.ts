/// <reference lib="webworker" />
// The service worker: the app shell and every hashed asset of this build are precached, so the
// app opens with no network; API reads are network-first with the last answer kept as a copy.
// A new build waits until the page asks it to take over ("Reload to update"), so one page never
// runs on the assets of two builds. Check-ins made offline are queued by the page (IndexedDB),
// not here: the page holds the CSRF cookie the queued writes need.
import { clientsClaim, type WorkboxPlugin } from "workbox-core";
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import { NetworkFirst, NetworkOnly } from "workbox-strategies";

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
};

const API_CACHE = "api-reads";
const CACHED_AT_HEADER = "X-Habits-Cached-At";

// The reads a person needs offline: who they are, Today, the habit list and a habit's detail.
const OFFLINE_READS =
  /^\/api\/(auth\/me|today|habits|habits\/\d+|habits\/\d+\/(stats|entries))\/?$/;
// Logging in or out and deleting the account (DELETE /api/auth/me) start or end a session:
// the saved copies belong to the person who was signed in before.
const SESSION_CHANGES = /^\/api\/auth\/(login|register|logout|me)\/?$/;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every page of the app is the same index.html; the server's own pages are not.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("/index.html"), {
    denylist: [/^\/api(\/|$)/, /^\/admin(\/|$)/, /^\/health(\/|$)/, /^\/static\//],
  }),
);

/** Stamp each saved copy with when it arrived, so the page can say how old offline data is. */
const stampCopies: WorkboxPlugin = {
  cacheWillUpdate: async ({ response }) => {
    if (response.status !== 200) return null;
    const headers = new Headers(response.headers);
    headers.set(CACHED_AT_HEADER, new Date().toISOString());
    return new Response(await response.blob(), {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  },
  // Signed out elsewhere (the session expired): forget the copies of that person's data.
  fetchDidSucceed: async ({ request, response }) => {
    if (response.status === 401 && new URL(request.url).pathname.startsWith("/api/auth/me")) {
      await caches.delete(API_CACHE);
    }
    return response;
  },
};

registerRoute(
  ({ url, request }) =>
    url.origin === self.location.origin &&
    request.method === "GET" &&
    OFFLINE_READS.test(url.pathname),
  new NetworkFirst({
    cacheName: API_CACHE,
    // On a poor connection, the saved copy after a few seconds beats a spinner.
    networkTimeoutSeconds: 6,
    plugins: [stampCopies],
    matchOptions: { ignoreVary: true },
  }),
);

const forgetCopiesOnSignOut: WorkboxPlugin = {
  fetchDidSucceed: async ({ response }) => {
    if (response.ok) await caches.delete(API_CACHE);
    return response;
  },
};

for (const method of ["POST", "DELETE"] as const) {
  registerRoute(
    ({ url }) => url.origin === self.location.origin && SESSION_CHANGES.test(url.pathname),
    new NetworkOnly({ plugins: [forgetCopiesOnSignOut] }),
    method,
  );
}

self.addEventListener("message", (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string } | null;
  if (data?.type === "SKIP_WAITING") void self.skipWaiting();
});

// The first install takes over the open page at once, so what it loads is kept for offline use.
// An update never does this by itself: it waits for SKIP_WAITING (see above).
clientsClaim();
