import { describe, expect, it } from "vitest";
import {
  addDays,
  capitalize,
  dayName,
  diffDays,
  formatDateInYear,
  formatLongDate,
  formatShortDate,
  isISODate,
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

  it("writes the year in full, and only when it is not the current one", () => {
    const en = (iso: string, options: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" }).format(
        new Date(`${iso}T00:00:00Z`),
      );
    expect(formatShortDate("2025-11-25", "2025-12-01")).toBe(
      en("2025-11-25", { month: "short", day: "numeric" }),
    );
    const lastYear = formatShortDate("2024-11-25", "2025-12-01");
    expect(lastYear).toBe(en("2024-11-25", { month: "short", day: "numeric", year: "numeric" }));
    expect(lastYear).toContain("2024");
    expect(lastYear).not.toMatch(/\b24\b/);
    expect(formatLongDate("2024-11-25", "2025-01-02")).toContain("2024");
    expect(formatLongDate("2025-11-25", "2025-12-02")).not.toContain("2025");
    expect(formatDateInYear("2024-03-01", { month: "short" }, "2025-01-01")).toContain("2024");
  });

  it("names today, yesterday and earlier days", () => {
    expect(dayName("2025-06-04", "2025-06-04")).toBe("today");
    expect(dayName("2025-06-03", "2025-06-04")).toBe("yesterday");
    expect(dayName("2025-06-02", "2025-06-04")).toBe(formatLongDate("2025-06-02", "2025-06-04"));
    expect(dayName("2025-06-02", "2025-06-04")).toMatch(/Monday/);
    expect(capitalize("yesterday")).toBe("Yesterday");
  });

  it("accepts only real dates written as YYYY-MM-DD", () => {
    expect(isISODate("2024-02-29")).toBe(true);
    expect(isISODate("2025-02-29")).toBe(false);
    expect(isISODate("2025-6-4")).toBe(false);
    expect(isISODate("yesterday")).toBe(false);
    expect(isISODate(null)).toBe(false);
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
