import { describe, expect, it } from "vitest";
import { progressLabel } from "./progress-label";

describe("progressLabel", () => {
  it("names the period of each schedule", () => {
    expect(progressLabel({ type: "times_per_week", times: 3 }, 2, 3)).toBe("2 of 3 this week");
    expect(progressLabel({ type: "times_per_month", times: 10 }, 4, 10)).toBe("4 of 10 this month");
    expect(progressLabel({ type: "times_in_days", times: 2, days: 3 }, 1, 2)).toBe(
      "1 of 2 in 3 days",
    );
    expect(progressLabel({ type: "daily" }, 0, 1)).toBe("0 of 1 today");
  });

  it("adds the unit of a measurable habit and trims float noise", () => {
    expect(progressLabel({ type: "daily" }, 2.5, 8, "km")).toBe("2.5 of 8 km today");
  });
});
