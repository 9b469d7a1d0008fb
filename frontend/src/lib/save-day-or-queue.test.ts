import "fake-indexeddb/auto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-client";
import { closeQueue, enqueueChange, queuedChanges, saveDayOrQueue } from "@/lib/offline-queue";
import { makeHabit } from "@/testing/render";
import type { Entry } from "@/types/api";

const D = "2025-06-04";
const user = { id: 7 };
const habit = makeHabit({ id: 3, name: "Read" });
const done: Entry = { date: D, status: "done", value: null, note: "" };

function answer(status: number, body: unknown = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

function setOnline(online: boolean): void {
  vi.spyOn(navigator, "onLine", "get").mockReturnValue(online);
}

describe("saveDayOrQueue", () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    document.cookie = "csrftoken=token";
    vi.stubGlobal("fetch", fetchMock);
  });

  afterEach(async () => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    await closeQueue();
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase("habits-offline");
      request.onsuccess = () => resolve();
    });
  });

  it("sends the day at once when online and nothing waits", async () => {
    setOnline(true);
    fetchMock.mockResolvedValueOnce(answer(200, done));
    expect(await saveDayOrQueue(user, habit, D, done)).toEqual(done);
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(await queuedChanges()).toEqual([]);
  });

  it("queues the day without a request when offline", async () => {
    setOnline(false);
    expect(await saveDayOrQueue(user, habit, D, done)).toEqual(done);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await queuedChanges(7)).toMatchObject([
      { habitId: 3, habitName: "Read", date: D, entry: done, status: "pending" },
    ]);
  });

  it("queues behind changes that still wait, so they reach the server in order", async () => {
    setOnline(true);
    await enqueueChange({ userId: 7, habitId: 9, habitName: "Walk", date: D, entry: null });
    await saveDayOrQueue(user, habit, D, done);
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await queuedChanges(7)).map((c) => c.habitId)).toEqual([9, 3]);
  });

  it("keeps the day when the connection drops on the way", async () => {
    setOnline(true);
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    expect(await saveDayOrQueue(user, habit, D, done)).toEqual(done);
    expect(await queuedChanges(7)).toHaveLength(1);
  });

  it("passes on a refusal from the server instead of queueing it", async () => {
    setOnline(true);
    fetchMock.mockResolvedValueOnce(answer(422, { detail: "Value: must be a number" }));
    await expect(saveDayOrQueue(user, habit, D, done)).rejects.toBeInstanceOf(ApiError);
    expect(await queuedChanges(7)).toEqual([]);
  });
});
