// A reminder answered from its notification (Done or Later) changed the person's data while
// the app may be open: the service worker says so, and the open page reloads what it shows.
import { HABITS_CHANGED } from "./push-message";

export function listenForReminderAnswers(onAnswer: () => void): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => undefined;
  const container = navigator.serviceWorker;
  const handler = (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (data?.type === HABITS_CHANGED) onAnswer();
  };
  container.addEventListener("message", handler);
  return () => container.removeEventListener("message", handler);
}
