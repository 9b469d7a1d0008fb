// Calendar dates are handled as "YYYY-MM-DD" strings, the API's format, and
// computed in UTC so the browser's own timezone never shifts a day.

import { i18n } from "@lingui/core";
import { t } from "@lingui/core/macro";
import { formattingLocale } from "@/lib/i18n/catalogs";
import { currentZoneName } from "./timezones";

/** The active language's tag for Intl (the browser's own before any catalog is loaded). */
function locale(): string | undefined {
  return i18n.locale ? formattingLocale() : undefined;
}

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
  return new Intl.DateTimeFormat(locale(), { ...options, timeZone: "UTC" }).format(
    parseISODate(iso),
  );
}

/** The browser's own calendar day, for callers that only need the current year. */
function browserToday(): string {
  const now = new Date();
  return toISODate(new Date(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
}

/**
 * Format a date in the person's locale, adding the year in full only when it
 * is not the current one: "30 Nov" this year, "30 Nov 2024" otherwise, never
 * a two-digit year that reads like a day.
 */
export function formatDateInYear(
  iso: string,
  options: Intl.DateTimeFormatOptions,
  today: string = browserToday(),
): string {
  const sameYear = iso.slice(0, 4) === today.slice(0, 4);
  return formatDate(iso, sameYear ? options : { ...options, year: "numeric" });
}

/** "Monday 30 November", with the year when it is not the current one. */
export function formatLongDate(iso: string, today?: string): string {
  return formatDateInYear(iso, { weekday: "long", month: "long", day: "numeric" }, today);
}

/** "30 Nov", with the year when it is not the current one. */
export function formatShortDate(iso: string, today?: string): string {
  return formatDateInYear(iso, { month: "short", day: "numeric" }, today);
}

/** How a day is named in a sentence: "today", "yesterday" or "Monday 30 November". */
export function dayName(iso: string, today: string): string {
  if (iso === today) return t`today`;
  if (iso === addDays(today, -1)) return t`yesterday`;
  return formatLongDate(iso, today);
}

export function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase(locale()) + text.slice(1);
}

/** Whether `text` is a real calendar date written as YYYY-MM-DD. */
export function isISODate(text: string | null | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return toISODate(parseISODate(text)) === text;
}

// 2024-01-01 was a Monday: index 0 of the API's weekdays.
const A_MONDAY = Date.UTC(2024, 0, 1);

function weekdayName(index: number, weekday: "short" | "long" | "narrow"): string {
  return new Intl.DateTimeFormat(locale(), { weekday, timeZone: "UTC" }).format(
    new Date(A_MONDAY + index * DAY_MS),
  );
}

/** The weekday's short name in the active language (0 = Monday): "Mon", "Mo.", "lun.", "الاثنين". */
export function weekdayShort(index: number): string {
  return weekdayName(index, "short");
}

/** The weekday's full name in the active language (0 = Monday): "Monday", "Montag". */
export function weekdayLong(index: number): string {
  return weekdayName(index, "long");
}
/** Weekday indices (0 = Monday) in display order for a given week start. */
export function orderedWeekdays(weekStart: number): number[] {
  return Array.from({ length: 7 }, (_, i) => (weekStart + i) % 7);
}

export function browserTimezone(): string {
  try {
    return currentZoneName(Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  } catch {
    return "UTC";
  }
}
