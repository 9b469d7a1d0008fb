import { describe, expect, it } from "vitest";
import { dayWords, progressLabel } from "./progress-label";

describe("progressLabel", () => {
  it("names the period of each schedule", () => {
    expect(progressLabel({ type: "times_per_week", times: 3 }, 2, 3)).toBe("2 of 3 this week");
    expect(progressLabel({ type: "times_per_month", times: 10 }, 4, 10)).toBe("4 of 10 this month");
    expect(progressLabel({ type: "times_in_days", times: 2, days: 3 }, 1, 2)).toBe(
      "1 of 2 in 3 days",
    );
    expect(progressLabel({ type: "daily" }, 0, 1)).toBe("0 of 1 today");
  });

  it("adds the unit of a measurable habit, says when it is a limit and trims float noise", () => {
    expect(progressLabel({ type: "daily" }, 2.5, 8, { unit: "km" })).toBe("2.5 of 8 km today");
    expect(progressLabel({ type: "daily" }, 0.1 + 0.2, 2, { unit: "cups", atMost: true })).toBe(
      "0.3 of at most 2 cups today",
    );
  });

  it("names an earlier day and its periods instead of today", () => {
    // 2025-06-04 is a Wednesday; weeks start on Monday.
    const yesterday = dayWords("2025-06-03", "2025-06-04", 0);
    expect(progressLabel({ type: "daily" }, 1, 1, { words: yesterday })).toBe("1 of 1 yesterday");
    expect(progressLabel({ type: "times_per_week", times: 3 }, 1, 3, { words: yesterday })).toBe(
      "1 of 3 this week",
    );
    const earlier = dayWords("2025-05-26", "2025-06-04", 0);
    expect(earlier.name).toMatch(/Monday/);
    expect(progressLabel({ type: "daily" }, 0, 1, { words: earlier })).toBe(
      `0 of 1 on ${earlier.name}`,
    );
    expect(progressLabel({ type: "times_per_week", times: 3 }, 1, 3, { words: earlier })).toBe(
      "1 of 3 that week",
    );
    expect(progressLabel({ type: "times_per_month", times: 9 }, 1, 9, { words: earlier })).toBe(
      "1 of 9 that month",
    );
  });
});
