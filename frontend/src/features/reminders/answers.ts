// A reminder answered from its notification (Done or Later) changed the person's data while
// the app may be open: the service worker says so, and the open page reloads what it shows.
// It also keeps the worker's own words (sw-texts.ts) in the page's language while it listens.
import { HABITS_CHANGED } from "./push-message";
import { keepSwTextsInLanguage } from "./sw-texts";

export function listenForReminderAnswers(onAnswer: () => void): () => void {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return () => undefined;
  const stopTexts = keepSwTextsInLanguage();
  const container = navigator.serviceWorker;
  const handler = (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null;
    if (data?.type === HABITS_CHANGED) onAnswer();
  };
  container.addEventListener("message", handler);
  return () => {
    stopTexts();
    container.removeEventListener("message", handler);
  };
}
