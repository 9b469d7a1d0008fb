import { describe, expect, it } from "vitest";
import { makeHabit } from "@/testing/render";
import type { TodayItem } from "@/types/api";
import type { QueuedChange } from "@/lib/offline-queue";
import { withEntry, withPendingChanges } from "./set-entry";

const D = "2025-06-04";

function item(overrides: Partial<TodayItem>): TodayItem {
  return {
    habit: makeHabit(),
    due: true,
    done: false,
    before_start: false,
    limit: null,
    entry: null,
    current_streak: 0,
    best_streak: 0,
    score: 0,
    period_progress: { done: 0, target: 1 },
    ...overrides,
  };
}

describe("withEntry", () => {
  it("ticks a yes/no day and counts it in its period", () => {
    const next = withEntry(item({ period_progress: { done: 1, target: 3 } }), D, {
      status: "done",
    });
    expect(next.done).toBe(true);
    expect(next.period_progress).toEqual({ done: 2, target: 3 });
    expect(withEntry(next, D, null).period_progress.done).toBe(1);
  });

  it("marks a measurable habit with a weekly target done when the week's sum reaches it", () => {
    const run = makeHabit({
      kind: "measurable",
      unit: "km",
      target: 10,
      schedule: { type: "times_per_week", times: 3 },
    });
    const before = item({ habit: run, period_progress: { done: 7, target: 10 } });
    expect(withEntry(before, D, { value: 2 }).done).toBe(false);
    const after = withEntry(before, D, { value: 3 });
    expect(after.done).toBe(true);
    expect(after.period_progress.done).toBe(10);
  });

  it("turns an at-most day over its limit and back within", () => {
    const coffee = makeHabit({
      kind: "measurable",
      unit: "cups",
      target: 2,
      target_type: "at_most",
    });
    const over = withEntry(item({ habit: coffee, done: true, limit: "within" }), D, { value: 3 });
    expect(over).toMatchObject({ done: false, limit: "over" });
    expect(withEntry(over, D, { value: 1 })).toMatchObject({ done: true, limit: "within" });
  });

  it("leaves the day before the start once anything is entered, and keeps it due", () => {
    const next = withEntry(item({ before_start: true }), D, { note: "Started a week ago" });
    expect(next.before_start).toBe(false);
    expect(next.due).toBe(true);
    expect(next.done).toBe(false);
  });
});

describe("withPendingChanges", () => {
  const read = makeHabit({ id: 1, name: "Read" });
  const walk = makeHabit({ id: 2, name: "Walk" });
  const today = {
    date: D,
    items: [item({ habit: read }), item({ habit: walk })],
  } as unknown as Parameters<typeof withPendingChanges>[0];

  function queued(overrides: Partial<QueuedChange>): QueuedChange {
    return {
      id: 1,
      userId: 1,
      habitId: 1,
      habitName: "Read",
      date: D,
      entry: { date: D, status: "done", value: null, note: "" },
      queuedAt: "2025-06-04T08:00:00Z",
      status: "pending",
      ...overrides,
    };
  }

  it("shows a waiting check-in on its day as done", () => {
    const next = withPendingChanges(today, D, [queued({})]);
    expect(next.items.map((i) => i.done)).toEqual([true, false]);
  });

  it("shows the latest of two waiting changes and a note with it", () => {
    const changes = [
      queued({ id: 1, habitId: 2, entry: { date: D, status: "done", value: null, note: "" } }),
      queued({
        id: 2,
        habitId: 2,
        entry: { date: D, status: "skipped", value: null, note: "Rain" },
      }),
    ];
    const walked = withPendingChanges(today, D, changes).items[1];
    expect(walked?.entry).toEqual({ date: D, status: "skipped", value: null, note: "Rain" });
    expect(walked?.done).toBe(false);
  });

  it("leaves out refused changes and changes to other days", () => {
    const changes = [
      queued({ status: "failed", error: "Not found" }),
      queued({ habitId: 2, date: "2025-06-03" }),
    ];
    expect(withPendingChanges(today, D, changes)).toBe(today);
  });

  it("shows a waiting change to an earlier day of the week grid on its cell", () => {
    const days = ["2025-06-02", "2025-06-03", D].map((date) => ({
      date,
      status: date === D ? ("empty" as const) : ("missed" as const),
      value: null,
      due: true,
    }));
    const withGrid = { ...today, items: [{ ...today.items[0]!, days }, today.items[1]!] };
    const change = queued({
      date: "2025-06-03",
      entry: { date: "2025-06-03", status: "done", value: null, note: "" },
    });
    const next = withPendingChanges(withGrid, D, [change]);
    expect(next.items[0]?.days?.map((d) => d.status)).toEqual(["missed", "done", "empty"]);
    // The day shown is untouched: the change belongs to another day.
    expect(next.items[0]?.done).toBe(false);
  });
});
