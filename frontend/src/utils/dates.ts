// Calendar dates are handled as "YYYY-MM-DD" strings, the API's format, and
// computed in UTC so the browser's own timezone never shifts a day.

const DAY_MS = 86_400_000;

export function parseISODate(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function toISODate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  return toISODate(new Date(parseISODate(iso).getTime() + days * DAY_MS));
}

export function diffDays(later: string, earlier: string): number {
  return Math.round((parseISODate(later).getTime() - parseISODate(earlier).getTime()) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday, like the API's week_start. */
export function weekdayIndex(iso: string): number {
  return (parseISODate(iso).getUTCDay() + 6) % 7;
}

export function startOfWeek(iso: string, weekStart: number): string {
  const offset = (weekdayIndex(iso) - weekStart + 7) % 7;
  return addDays(iso, -offset);
}

/** The days from the start of the week up to and including `today`. */
export function daysOfWeekSoFar(today: string, weekStart: number): string[] {
  const start = startOfWeek(today, weekStart);
  const days: string[] = [];
  for (let d = start; d <= today; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * The user's current calendar day: the wall-clock date in their timezone,
 * where a day starting at `dayStartHour` keeps 1 a.m. in the previous day.
 */
export function localToday(timezone: string, dayStartHour = 0, now: Date = new Date()): string {
  const shifted = new Date(now.getTime() - dayStartHour * 3_600_000);
  try {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    }).formatToParts(shifted);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
    return `${get("year")}-${get("month")}-${get("day")}`;
  } catch {
    return toISODate(shifted);
  }
}

export function formatDate(iso: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone: "UTC" }).format(
    parseISODate(iso),
  );
}

export function formatLongDate(iso: string): string {
  return formatDate(iso, { weekday: "long", month: "long", day: "numeric" });
}

export const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export const WEEKDAY_LONG = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** Weekday indices (0 = Monday) in display order for a given week start. */
export function orderedWeekdays(weekStart: number): number[] {
  return Array.from({ length: 7 }, (_, i) => (weekStart + i) % 7);
}

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}
