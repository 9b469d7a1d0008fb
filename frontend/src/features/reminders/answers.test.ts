import { afterEach, describe, expect, it, vi } from "vitest";
import { listenForReminderAnswers } from "./answers";
import { HABITS_CHANGED } from "./push-message";

describe("answers from a notification", () => {
  afterEach(() => Reflect.deleteProperty(navigator, "serviceWorker"));

  it("refresh the open page on the service worker's word only, until it stops listening", () => {
    const container = new EventTarget();
    Object.defineProperty(navigator, "serviceWorker", { configurable: true, value: container });
    const onAnswer = vi.fn();
    const stop = listenForReminderAnswers(onAnswer);
    container.dispatchEvent(new MessageEvent("message", { data: { type: "SKIP_WAITING" } }));
    container.dispatchEvent(new MessageEvent("message", { data: null }));
    expect(onAnswer).not.toHaveBeenCalled();
    container.dispatchEvent(new MessageEvent("message", { data: { type: HABITS_CHANGED } }));
    expect(onAnswer).toHaveBeenCalledTimes(1);
    stop();
    container.dispatchEvent(new MessageEvent("message", { data: { type: HABITS_CHANGED } }));
    expect(onAnswer).toHaveBeenCalledTimes(1);
  });
});
