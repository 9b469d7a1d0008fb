import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "./api-client";
import {
  closeQueue,
  discardChange,
  enqueueChange,
  flushQueue,
  queuedChanges,
  retryChange,
  type NewChange,
  type QueuedChange,
} from "./offline-queue";

const done = (date: string, note = "") => ({ date, status: "done" as const, value: null, note });

function change(overrides: Partial<NewChange> = {}): NewChange {
  return {
    userId: 1,
    habitId: 10,
    habitName: "Read",
    date: "2026-12-01",
    entry: done("2026-12-01"),
    ...overrides,
  };
}

afterEach(async () => {
  await closeQueue();
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase("habits-offline");
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
});

describe("the offline queue", () => {
  it("keeps changes in the order they were made", async () => {
    await enqueueChange(change({ habitId: 10 }));
    await enqueueChange(change({ habitId: 11, habitName: "Run" }));
    await enqueueChange(change({ habitId: 12, habitName: "Stretch", entry: null }));
    const queued = await queuedChanges(1);
    expect(queued.map((c) => c.habitId)).toEqual([10, 11, 12]);
    expect(queued.every((c) => c.status === "pending")).toBe(true);
  });

  it("replaces a waiting change to the same day, and moves it to the end", async () => {
    await enqueueChange(change({ habitId: 10 }));
    await enqueueChange(change({ habitId: 11 }));
    await enqueueChange(change({ habitId: 10, entry: done("2026-12-01", "Two chapters") }));
    const queued = await queuedChanges(1);
    expect(queued.map((c) => [c.habitId, c.entry?.note])).toEqual([
      [11, ""],
      [10, "Two chapters"],
    ]);
  });

  it("keeps each person's changes apart", async () => {
    await enqueueChange(change({ userId: 1 }));
    await enqueueChange(change({ userId: 2 }));
    expect(await queuedChanges(1)).toHaveLength(1);
    expect(await queuedChanges()).toHaveLength(2);
    const sent: number[] = [];
    await flushQueue(2, async (c) => void sent.push(c.userId));
    expect(sent).toEqual([2]);
    expect((await queuedChanges()).map((c) => c.userId)).toEqual([1]);
  });

  it("sends everything in order and empties the queue", async () => {
    await enqueueChange(change({ habitId: 10 }));
    await enqueueChange(change({ habitId: 11 }));
    const sent: number[] = [];
    const result = await flushQueue(1, async (c) => void sent.push(c.habitId));
    expect(sent).toEqual([10, 11]);
    expect(result).toMatchObject({ stopped: null, failed: [] });
    expect(await queuedChanges(1)).toEqual([]);
  });

  it("stops at a network error and keeps that change and the later ones", async () => {
    await enqueueChange(change({ habitId: 10 }));
    await enqueueChange(change({ habitId: 11 }));
    const tried: number[] = [];
    const result = await flushQueue(1, async (c) => {
      tried.push(c.habitId);
      throw new ApiError(0, "Network error");
    });
    expect(tried).toEqual([10]);
    expect(result.stopped).toBe("offline");
    expect((await queuedChanges(1)).map((c) => c.status)).toEqual(["pending", "pending"]);
  });

  it("stops at a 401 and keeps the queue for after the next login", async () => {
    await enqueueChange(change());
    const result = await flushQueue(1, async () => {
      throw new ApiError(401, "Please log in.");
    });
    expect(result.stopped).toBe("unauthorized");
    expect((await queuedChanges(1))[0]?.status).toBe("pending");
  });

  it("waits behind a server error instead of giving up on the change", async () => {
    await enqueueChange(change());
    const result = await flushQueue(1, async () => {
      throw new ApiError(503, "The database is unavailable");
    });
    expect(result.stopped).toBe("server");
    expect((await queuedChanges(1))[0]?.status).toBe("pending");
  });

  it("marks a refused change failed with the reason, sends the rest, and does not retry it", async () => {
    await enqueueChange(change({ habitId: 10, habitName: "Deleted habit" }));
    await enqueueChange(change({ habitId: 11 }));
    const sent: number[] = [];
    const send = async (c: QueuedChange) => {
      if (c.habitId === 10) throw new ApiError(404, "Habit not found");
      sent.push(c.habitId);
    };
    const result = await flushQueue(1, send);
    expect(sent).toEqual([11]);
    expect(result.failed).toHaveLength(1);
    const [failed] = await queuedChanges(1);
    expect(failed).toMatchObject({
      habitName: "Deleted habit",
      status: "failed",
      error: "This habit no longer exists: it may have been deleted on another device.",
      httpStatus: 404,
    });

    // A second run leaves it alone: it waits for the person to retry or discard it.
    const again = await flushQueue(1, send);
    expect(again.sent).toEqual([]);
    expect(again.failed).toEqual([]);
  });

  it("sends a retried change again and forgets a discarded one", async () => {
    const first = await enqueueChange(change({ habitId: 10 }));
    const second = await enqueueChange(change({ habitId: 11 }));
    await flushQueue(1, async () => {
      throw new ApiError(422, "Value: must be a number");
    });
    const refused = await queuedChanges(1);
    expect(refused.map((c) => [c.status, c.error])).toEqual([
      ["failed", "Value: must be a number"],
      ["failed", "Value: must be a number"],
    ]);
    await retryChange(first.id);
    await discardChange(second.id);
    const sent: number[] = [];
    await flushQueue(1, async (c) => void sent.push(c.habitId));
    expect(sent).toEqual([10]);
    expect(await queuedChanges(1)).toEqual([]);
  });
});
