// Chromium offers to install the app with a `beforeinstallprompt` event, once, early in the page's
// life. It is kept here from start-up so that Settings can offer "Install app" whenever it opens.
import { useSyncExternalStore } from "react";

type InstallPromptEvent = Event & {
  prompt: () => Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed" }>;
};

let deferred: InstallPromptEvent | null = null;
let installed = false;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

export function captureInstallPrompt(): void {
  window.addEventListener("beforeinstallprompt", (event) => {
    // Keep the browser's own mini-bar away; the offer lives in Settings.
    event.preventDefault();
    deferred = event as InstallPromptEvent;
    notify();
  });
  window.addEventListener("appinstalled", () => {
    deferred = null;
    installed = true;
    notify();
  });
}

export type InstallState = "available" | "installed" | "unavailable";

function snapshot(): InstallState {
  if (installed || window.matchMedia?.("(display-mode: standalone)").matches) return "installed";
  return deferred ? "available" : "unavailable";
}

export function useInstallState(): InstallState {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot,
    () => "unavailable",
  );
}

/** Show the browser's install dialog; the event can be used once. */
export async function promptInstall(): Promise<boolean> {
  const event = deferred;
  if (!event) return false;
  deferred = null;
  await event.prompt();
  const { outcome } = await event.userChoice;
  notify();
  return outcome === "accepted";
}
