import "fake-indexeddb/auto";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import { createElement, type ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeQueue, queuedChanges } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import { makeHabit, mockApi } from "@/testing/render";
import type { TodayDay, TodayResponse } from "@/types/api";
import { useSetDay } from "./set-day";

const DATE = "2026-12-02";
const EARLIER = "2026-11-29";
const habit = makeHabit({ id: 3, name: "Read" });
// A note-only day three days back, as /api/today sends it.
const noted: TodayDay = { date: EARLIER, status: "missed", value: null, due: true, note: "Ch. 4" };

function setOnline(online: boolean): void {
  vi.spyOn(navigator, "onLine", "get").mockReturnValue(online);
}

function renderSetDay() {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  queryClient.setQueryData(queryKeys.me, { id: 7 });
  const today: TodayResponse = {
    date: DATE,
    items: [
      {
        habit,
        due: true,
        done: false,
        before_start: false,
        limit: null,
        entry: null,
        current_streak: 0,
        best_streak: 0,
        score: 0,
        period_progress: { done: 0, target: 1 },
        group_id: null,
        days: [noted],
      },
    ],
    groups: [],
  };
  queryClient.setQueryData(queryKeys.today(DATE), today);
  const wrapper = ({ children }: { children: ReactNode }) =>
    createElement(QueryClientProvider, { client: queryClient }, children);
  return renderHook(() => useSetDay(DATE, DATE), { wrapper });
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

describe("useSetDay", () => {
  it("keeps an earlier day's note from the grid itself, without reading the day first", async () => {
    setOnline(true);
    const { calls } = mockApi({
      [`PUT /api/habits/3/entries/${EARLIER}`]: ({ body }) => ({
        status: 200,
        body: { date: EARLIER, ...(body as object) },
      }),
    });
    const { result } = renderSetDay();
    result.current.mutate({ habit, day: noted, input: { status: "done" } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    const sent = calls.filter((c) => c.url.includes("/entries"));
    expect(sent.map((c) => c.method)).toEqual(["PUT"]);
    expect(sent[0]!.body).toEqual({ status: "done", value: null, note: "Ch. 4" });
  });

  it("keeps the note in the change queued offline", async () => {
    setOnline(false);
    const { fetchMock } = mockApi({});
    const { result } = renderSetDay();
    result.current.mutate({ habit, day: noted, input: { status: "skipped" } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(fetchMock).not.toHaveBeenCalled();
    expect(await queuedChanges(7)).toMatchObject([
      {
        habitId: 3,
        date: EARLIER,
        entry: { date: EARLIER, status: "skipped", value: null, note: "Ch. 4" },
        status: "pending",
      },
    ]);
  });

  it("clearing a cell that holds a note keeps the note rather than deleting the day", async () => {
    setOnline(true);
    const done: TodayDay = { ...noted, status: "done" };
    const { calls } = mockApi({
      [`PUT /api/habits/3/entries/${EARLIER}`]: ({ body }) => ({
        status: 200,
        body: { date: EARLIER, ...(body as object) },
      }),
    });
    const { result } = renderSetDay();
    result.current.mutate({ habit, day: done, input: { status: null } });
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(calls.filter((c) => c.url.includes("/entries")).map((c) => c.body)).toEqual([
      { status: null, value: null, note: "Ch. 4" },
    ]);
  });
});
