import { describe, expect, it } from "vitest";
import {
  addDays,
  daysOfWeekSoFar,
  diffDays,
  localToday,
  orderedWeekdays,
  startOfWeek,
  weekdayIndex,
} from "./dates";

describe("dates", () => {
  it("adds days across month and year boundaries", () => {
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
  });

  it("counts the days between two dates", () => {
    expect(diffDays("2025-01-10", "2025-01-01")).toBe(9);
  });

  it("numbers weekdays from Monday", () => {
    expect(weekdayIndex("2025-06-02")).toBe(0); // a Monday
    expect(weekdayIndex("2025-06-08")).toBe(6); // a Sunday
  });

  it("finds the start of the week for any week start", () => {
    expect(startOfWeek("2025-06-05", 0)).toBe("2025-06-02");
    expect(startOfWeek("2025-06-05", 6)).toBe("2025-06-01");
    expect(startOfWeek("2025-06-01", 0)).toBe("2025-05-26");
  });

  it("lists the days of the week so far", () => {
    expect(daysOfWeekSoFar("2025-06-04", 0)).toEqual(["2025-06-02", "2025-06-03", "2025-06-04"]);
    expect(daysOfWeekSoFar("2025-06-02", 0)).toEqual(["2025-06-02"]);
  });

  it("computes today in the user's timezone and day start", () => {
    const now = new Date("2025-06-05T02:30:00Z");
    expect(localToday("UTC", 0, now)).toBe("2025-06-05");
    expect(localToday("UTC", 3, now)).toBe("2025-06-04");
    expect(localToday("America/New_York", 0, now)).toBe("2025-06-04");
    expect(localToday("Asia/Tokyo", 0, now)).toBe("2025-06-05");
  });

  it("orders weekdays from the week start", () => {
    expect(orderedWeekdays(6)).toEqual([6, 0, 1, 2, 3, 4, 5]);
  });
});
