import { describe, expect, it } from "vitest";
import { makeHabit } from "@/testing/render";
import type { TodayItem, TodayResponse } from "@/types/api";
import { asNewDay } from "./get-today";

function item(overrides: Partial<TodayItem>): TodayItem {
  return {
    habit: makeHabit(),
    due: true,
    done: true,
    before_start: false,
    limit: null,
    entry: { date: "2025-06-03", status: "done", value: null, note: "Chapter 4" },
    current_streak: 4,
    best_streak: 9,
    score: 60,
    period_progress: { done: 1, target: 1 },
    ...overrides,
  };
}

describe("asNewDay", () => {
  it("starts a new day with nothing entered and the day's own count at zero", () => {
    const earlier: TodayResponse = { date: "2025-06-03", items: [item({})] };
    const [read] = asNewDay(earlier, "2025-06-04").items;
    expect(read).toMatchObject({ entry: null, done: false, period_progress: { done: 0 } });
    // The server's numbers are carried over until it can be asked again.
    expect(read).toMatchObject({ current_streak: 4, score: 60 });
  });

  it("keeps a weekly quota's progress and counts an empty at-most day as within", () => {
    const gym = makeHabit({ id: 2, schedule: { type: "times_per_week", times: 3 } });
    const coffee = makeHabit({
      id: 3,
      kind: "measurable",
      unit: "cups",
      target: 2,
      target_type: "at_most",
    });
    const earlier: TodayResponse = {
      date: "2025-06-03",
      items: [
        item({ habit: gym, period_progress: { done: 2, target: 3 } }),
        item({ habit: coffee, limit: "over", done: false }),
      ],
    };
    const [week, cups] = asNewDay(earlier, "2025-06-04").items;
    expect(week?.period_progress).toEqual({ done: 2, target: 3 });
    expect(cups).toMatchObject({ done: true, limit: "within", entry: null });
  });
});
