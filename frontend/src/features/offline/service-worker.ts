// Registers /sw.js after the page has loaded (the precache downloads then do not compete with the
// first screen) and tells the app when a new build is waiting. The new build takes over only
// when the person chooses "Reload to update", and the page reloads at once, so one page never
// runs on the assets of two builds.
import { useSyncExternalStore } from "react";

let applyUpdate: (() => void) | null = null;
const listeners = new Set<() => void>();

function offer(worker: ServiceWorker): void {
  let accepted = false;
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (accepted) window.location.reload();
  });
  applyUpdate = () => {
    accepted = true;
    worker.postMessage({ type: "SKIP_WAITING" });
  };
  for (const listener of listeners) listener();
}

function watch(registration: ServiceWorkerRegistration): void {
  // A worker already waiting from an earlier visit, and the first install (no controller yet)
  // which needs no reload: it serves the build this page already runs.
  if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
    });
  });
  // A phone app stays open for days: look for a new build when it comes back to the
  // foreground, when the connection returns, and hourly.
  const check = () => void registration.update().catch(() => undefined);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") check();
  });
  window.addEventListener("online", check);
  window.setInterval(check, 60 * 60 * 1000);
}

export function registerServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !import.meta.env.PROD) return;
  const start = () => {
    navigator.serviceWorker
      .register("/sw.js", { scope: "/" })
      .then(watch)
      .catch((error: unknown) => console.warn("The offline service worker did not start", error));
  };
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}

/** Set when a new build is ready: call it to switch to it (the page reloads). */
export function useUpdateReady(): (() => void) | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => applyUpdate,
    () => null,
  );
}
