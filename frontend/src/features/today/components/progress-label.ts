import type { Schedule } from "@/types/api";
import { addDays, dayName, startOfWeek } from "@/utils/dates";

/**
 * How the screen names the day shown and its periods. On today: "today",
 * "this week"; on an earlier day: "yesterday" or "on Monday 30 November",
 * and "that week" once the week is over.
 */
export type DayWords = {
  isToday: boolean;
  /** "today", "yesterday" or "Monday 30 November". */
  name: string;
  /** "today", "yesterday" or "on Monday 30 November": the day in a sentence. */
  day: string;
  week: string;
  month: string;
};

export const TODAY_WORDS: DayWords = {
  isToday: true,
  name: "today",
  day: "today",
  week: "this week",
  month: "this month",
};

export function dayWords(date: string, today: string, weekStart: number): DayWords {
  if (date === today) return TODAY_WORDS;
  const name = dayName(date, today);
  return {
    isToday: false,
    name,
    day: date === addDays(today, -1) ? name : `on ${name}`,
    week:
      startOfWeek(date, weekStart) === startOfWeek(today, weekStart) ? "this week" : "that week",
    month: date.slice(0, 7) === today.slice(0, 7) ? "this month" : "that month",
  };
}

/**
 * Floats from the API (1.0, 0.30000000000000004) written plainly, to the
 * thousandth the API stores values and steps in (a step of 0.125 is not 0.13).
 */
export function formatAmount(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/** "2 of 3 this week": how far along the habit's period of the day shown is. */
export function progressLabel(
  schedule: Schedule,
  rawDone: number,
  rawTarget: number,
  {
    unit = "",
    atMost = false,
    words = TODAY_WORDS,
  }: { unit?: string; atMost?: boolean; words?: DayWords } = {},
): string {
  const done = formatAmount(rawDone);
  const target = `${atMost ? "at most " : ""}${formatAmount(rawTarget)}${unit ? ` ${unit}` : ""}`;
  switch (schedule.type) {
    case "times_per_week":
      return `${done} of ${target} ${words.week}`;
    case "times_per_month":
      return `${done} of ${target} ${words.month}`;
    case "times_in_days":
      return `${done} of ${target} in ${schedule.days} days`;
    case "every_n_days":
      return `${done} of ${target} in ${schedule.n} days`;
    default:
      return `${done} of ${target} ${words.day}`;
  }
}
