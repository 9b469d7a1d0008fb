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
import {
  actOnReminder,
  HABITS_CHANGED,
  notificationFor,
  parsePushMessage,
  readNotificationData,
  saveRenewedSubscription,
  storedSwTexts,
  type ReminderAction,
} from "./features/reminders/push-message";
import { habitIconUrl } from "./features/reminders/habit-icon";

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

function pushText(event: PushEvent): string | null {
  try {
    return event.data ? event.data.text() : null;
  } catch {
    return null;
  }
}

async function showPush(raw: string | null): Promise<void> {
  // The worker's own words in the language the page stored last (English before that).
  const texts = await storedSwTexts(self.caches);
  const message = parsePushMessage(raw, texts);
  const { title, options } = notificationFor(message, texts);
  if (message?.kind === "reminder") {
    const icon = await habitIconUrl(message.habit);
    if (icon) options.icon = icon;
  }
  await self.registration.showNotification(title, options);
}

// Reminders arrive as Web Push messages (features/reminders/push-message.ts builds the
// notification). Every push must show a notification: the subscription promised
// userVisibleOnly, and a browser revokes the permission of workers that stay silent.
self.addEventListener("push", (event: PushEvent) => {
  event.waitUntil(showPush(pushText(event)));
});

const ANSWER_SHOWN_MS = 4000;

async function answerReminder(notification: Notification, action: ReminderAction): Promise<void> {
  const data = readNotificationData(notification.data);
  notification.close();
  const texts = await storedSwTexts(self.caches);
  const result = await actOnReminder(action, data, (input, init) => fetch(input, init), texts);
  await self.registration.showNotification(result.notification.title, result.notification.options);
  if (!result.ok) return;
  // Open pages show the check-in at once; the saved copies of API reads are now out of date.
  await caches.delete(API_CACHE);
  const pages = await self.clients.matchAll({ type: "window" });
  for (const page of pages) page.postMessage({ type: HABITS_CHANGED });
  // A confirmation is brief: it goes away by itself (the worker stays alive until then).
  await new Promise((resolve) => setTimeout(resolve, ANSWER_SHOWN_MS));
  const shown = await self.registration.getNotifications({ tag: result.notification.options.tag });
  for (const answer of shown) if (answer.title === result.notification.title) answer.close();
}

async function openApp(url: string): Promise<void> {
  const target = new URL(url, self.location.origin).href;
  const pages = await self.clients.matchAll({ type: "window" });
  const page = pages.find((client) => new URL(client.url).origin === self.location.origin);
  if (!page) {
    await self.clients.openWindow(target);
    return;
  }
  // focus() needs the click's user activation; a page that cannot be focused still moves.
  const shown = page.url === target ? page : await page.navigate(target).catch(() => page);
  await (shown ?? page).focus().catch(() => undefined);
}

self.addEventListener("notificationclick", (event: NotificationEvent) => {
  const { action, notification } = event;
  let work: Promise<void>;
  if (action === "done" || action === "later") {
    work = answerReminder(notification, action);
  } else {
    notification.close();
    work = openApp(readNotificationData(notification.data).url);
  }
  // The work starts before waitUntil, so it also runs for a click dispatched by a test.
  event.waitUntil(work);
});

// The browser renewed the subscription by itself (it expired, or the push service rotated it):
// subscribe again with the server's key and tell the server, or reminders would stop here.
async function renewSubscription(event: PushSubscriptionChangeEvent): Promise<void> {
  let subscription = event.newSubscription;
  if (!subscription) {
    const key = await fetch("/api/push/key", { headers: { Accept: "application/json" } })
      .then((response) =>
        response.ok ? (response.json() as Promise<{ public_key: string }>) : null,
      )
      .catch(() => null);
    if (!key) return;
    subscription = await self.registration.pushManager
      .subscribe({ userVisibleOnly: true, applicationServerKey: key.public_key })
      .catch(() => null);
  }
  if (subscription)
    await saveRenewedSubscription(subscription.toJSON(), (i, init) => fetch(i, init));
}

self.addEventListener("pushsubscriptionchange", (event: PushSubscriptionChangeEvent) => {
  event.waitUntil(renewSubscription(event));
});

// The first install takes over the open page at once, so what it loads is kept for offline use.
// An update never does this by itself: it waits for SKIP_WAITING (see above).
clientsClaim();
