// This browser's side of Web Push: whether it can receive notifications, asking for permission
// (only when the person clicks), and its PushSubscription, which lives in the service worker.
import { t } from "@lingui/core/macro";

export type PushSupport =
  | "supported"
  /** An iPhone or iPad shows notifications only for an app added to the Home Screen. */
  | "needs-home-screen"
  | "unsupported";

export function pushSupport(
  nav: Navigator = navigator,
  win: Window & typeof globalThis = window,
): PushSupport {
  const hasApis = "serviceWorker" in nav && "PushManager" in win && "Notification" in win;
  if (hasApis) return "supported";
  const appleMobile = /iPhone|iPad|iPod/.test(nav.userAgent);
  const standalone =
    (nav as Navigator & { standalone?: boolean }).standalone === true ||
    win.matchMedia?.("(display-mode: standalone)").matches === true;
  return appleMobile && !standalone ? "needs-home-screen" : "unsupported";
}

/** The browser's permission for this site: "default" until the person answers the prompt. */
export function notificationPermission(): NotificationPermission {
  return typeof Notification === "undefined" ? "denied" : Notification.permission;
}

/** The VAPID key as the bytes pushManager.subscribe expects (base64url, no padding). */
export function base64UrlToBytes(value: string): Uint8Array<ArrayBuffer> {
  const padded = value
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(value.length / 4) * 4, "=");
  const binary = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.byteLength) return false;
  const view = new Uint8Array(a);
  return view.every((byte, index) => byte === b[index]);
}

/** Whether a subscription was made with this server key (base64url). */
export function subscribedWithKey(subscription: PushSubscription, publicKey: string): boolean {
  return sameBytes(subscription.options.applicationServerKey, base64UrlToBytes(publicKey));
}

export class PushSetupError extends Error {
  readonly reason: "denied" | "dismissed" | "no-worker" | "failed";

  constructor(reason: PushSetupError["reason"], message: string) {
    super(message);
    this.name = "PushSetupError";
    this.reason = reason;
  }
}

const WORKER_WAIT_MS = 10_000;

/** The service worker's registration; it registers after the page loads, so wait briefly. */
async function registration(): Promise<ServiceWorkerRegistration | null> {
  if (!("serviceWorker" in navigator)) return null;
  const existing = await navigator.serviceWorker.getRegistration();
  if (existing?.active) return existing;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WORKER_WAIT_MS));
  return Promise.race([navigator.serviceWorker.ready, timeout]);
}

/** This browser's current subscription, if it has one. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (pushSupport() !== "supported") return null;
  const reg = await navigator.serviceWorker.getRegistration();
  return (await reg?.pushManager.getSubscription()) ?? null;
}

/**
 * Asks for permission if the person has not answered yet, then subscribes with the server's
 * key (replacing a subscription made with an older key, which the server could not use).
 */
export async function subscribeThisDevice(publicKey: string): Promise<PushSubscriptionJSON> {
  let permission = notificationPermission();
  if (permission === "default") permission = await Notification.requestPermission();
  if (permission === "denied") {
    throw new PushSetupError("denied", t`Notifications are blocked for this site.`);
  }
  if (permission !== "granted") {
    throw new PushSetupError("dismissed", t`Notifications were not allowed.`);
  }
  const reg = await registration();
  if (!reg) {
    throw new PushSetupError(
      "no-worker",
      t`The app's service worker is not running; reload the page and try again.`,
    );
  }
  const key = base64UrlToBytes(publicKey);
  const existing = await reg.pushManager.getSubscription();
  if (existing && !sameBytes(existing.options.applicationServerKey, key)) {
    await existing.unsubscribe();
  }
  try {
    const subscription = await reg.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    return subscription.toJSON();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new PushSetupError("failed", t`The browser could not subscribe: ${detail}`);
  }
}

/** Stops this browser's subscription, if it is the one given (or any, when none is given). */
export async function unsubscribeThisDevice(endpoint?: string): Promise<void> {
  const subscription = await currentSubscription();
  if (subscription && (endpoint === undefined || subscription.endpoint === endpoint)) {
    await subscription.unsubscribe();
  }
}

/**
 * A short name for a device from its browser's user agent ("Firefox on Android") in the active
 * language, or null when neither the browser nor the system is one we know.
 */
export function knownUserAgent(userAgent: string): string | null {
  /* eslint-disable lingui/no-unlocalized-strings -- product names, the same in every language */
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\/|Opera/.test(userAgent)
      ? "Opera"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Chrome\/|Chromium\/|CriOS\//.test(userAgent)
          ? "Chrome"
          : /Safari\//.test(userAgent)
            ? "Safari"
            : null;
  const system = /Android/.test(userAgent)
    ? "Android"
    : /iPhone|iPad|iPod/.test(userAgent)
      ? "iOS"
      : /Windows/.test(userAgent)
        ? "Windows"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /CrOS/.test(userAgent)
            ? "ChromeOS"
            : /Linux/.test(userAgent)
              ? "Linux"
              : null;
  /* eslint-enable lingui/no-unlocalized-strings */
  if (browser && system) return t`${browser} on ${system}`;
  return browser ?? system;
}

/** A short name for a device, from its browser's user agent; "A browser" when unknown. */
export function describeUserAgent(userAgent: string): string {
  return knownUserAgent(userAgent) ?? t`A browser`;
}
