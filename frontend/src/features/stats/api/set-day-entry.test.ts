import "fake-indexeddb/auto";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeQueue, enqueueChange, queuedChanges } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import { makeHabit, mockApi } from "@/testing/render";
import type { Entry } from "@/types/api";
import { getEntries } from "./get-entries";
import { nextStatus, useSetDayEntry } from "./set-day-entry";

const FROM = "2025-06-01";
const TO = "2025-06-07";
const habit = makeHabit({ id: 3, name: "Read" });
const done = (date: string, note = ""): Entry => ({ date, status: "done", value: null, note });

function setOnline(online: boolean): void {
  vi.spyOn(navigator, "onLine", "get").mockReturnValue(online);
}

function renderSetDay() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  queryClient.setQueryData(queryKeys.me, { id: 7 });
  queryClient.setQueryData(queryKeys.entries(3, FROM, TO), [done("2025-06-02")]);
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children);
  return renderHook(() => useSetDayEntry(habit, FROM, TO), { wrapper });
}

afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  await closeQueue();
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase("habits-offline");
    request.onsuccess = () => resolve();
  });
});

describe("nextStatus", () => {
  it("cycles empty, done, skipped and back", () => {
    expect(nextStatus(undefined)).toBe("done");
    expect(nextStatus(null)).toBe("done");
    expect(nextStatus("done")).toBe("skipped");
    expect(nextStatus("skipped")).toBeNull();
  });
});

describe("useSetDayEntry", () => {
  it("queues a day changed on the calendar offline instead of losing it", async () => {
    setOnline(false);
    const { fetchMock } = mockApi({});
    const { result } = renderSetDay();
    result.current.mutate({ date: "2025-06-04", previous: null, input: { status: "done" } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fetchMock).not.toHaveBeenCalledWith(
      expect.stringContaining("/entries/"),
      expect.anything(),
    );
    expect(await queuedChanges(7)).toMatchObject([
      { habitId: 3, habitName: "Read", date: "2025-06-04", status: "pending" },
    ]);
  });

  it("sends the day at once when online and nothing waits", async () => {
    setOnline(true);
    const { calls } = mockApi({
      "PUT /api/habits/3/entries/2025-06-04": () => ({ status: 200, body: done("2025-06-04") }),
    });
    const { result } = renderSetDay();
    result.current.mutate({ date: "2025-06-04", previous: null, input: { status: "done" } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(calls.map((c) => `${c.method} ${c.url}`)).toContain(
      "PUT /api/habits/3/entries/2025-06-04",
    );
    expect(await queuedChanges(7)).toEqual([]);
  });
});

describe("getEntries", () => {
  it("shows the changes still waiting on top of the server's answer", async () => {
    mockApi({
      "GET /api/habits/3/entries": () => ({
        status: 200,
        body: [done("2025-06-02"), done("2025-06-03")],
      }),
    });
    const change = { userId: 7, habitId: 3, habitName: "Read" };
    await enqueueChange({ ...change, date: "2025-06-03", entry: null });
    await enqueueChange({ ...change, date: "2025-06-05", entry: done("2025-06-05", "Ch. 4") });
    // Another habit's change and one outside the range are not this calendar's.
    await enqueueChange({ ...change, habitId: 9, date: "2025-06-04", entry: done("2025-06-04") });
    await enqueueChange({ ...change, date: "2025-05-20", entry: done("2025-05-20") });
    expect(await getEntries(3, FROM, TO)).toEqual([
      done("2025-06-02"),
      done("2025-06-05", "Ch. 4"),
    ]);
  });
});
