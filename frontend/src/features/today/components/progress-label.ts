import { plural, t } from "@lingui/core/macro";
import { formatNumber } from "@/lib/i18n";
import type { Schedule } from "@/types/api";
import { addDays, dayName, startOfWeek } from "@/utils/dates";

/**
 * Which day the screen shows and how its periods relate to today, so that each label can be
 * written as one whole sentence per case ("today", "yesterday", "on Monday 30 November",
 * "this week" or "that week") in every language.
 */
export type DayWords = {
  isToday: boolean;
  isYesterday: boolean;
  /** "today", "yesterday" or "Monday 30 November". */
  name: string;
  sameWeek: boolean;
  sameMonth: boolean;
};

export const TODAY_WORDS: DayWords = {
  isToday: true,
  isYesterday: false,
  // Only read when isToday is false: the sentences name today themselves.
  name: "",
  sameWeek: true,
  sameMonth: true,
};

export function dayWords(date: string, today: string, weekStart: number): DayWords {
  if (date === today) return TODAY_WORDS;
  return {
    isToday: false,
    isYesterday: date === addDays(today, -1),
    name: dayName(date, today),
    sameWeek: startOfWeek(date, weekStart) === startOfWeek(today, weekStart),
    sameMonth: date.slice(0, 7) === today.slice(0, 7),
  };
}

/** A value rounded to the thousandth the API stores (0.1 + 0.2 → 0.3), as a number field takes it. */
export function plainAmount(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

/**
 * Floats from the API (1.0, 0.30000000000000004) written plainly in the person's language,
 * to the thousandth the API stores values and steps in (a step of 0.125 is not 0.13).
 */
export function formatAmount(value: number): string {
  return formatNumber(value, { maximumFractionDigits: 3 });
}

/**
 * "8 km": an amount with the habit's unit, which the person typed in their own words. Every
 * language we ship writes the unit after the number.
 */
export function withUnit(amount: string, unit: string): string {
  return unit ? `${amount} ${unit}` : amount;
}

/** "8 km", "at most 2 cups": a target with the habit's unit. */
function targetText(target: number, unit: string, atMost: boolean): string {
  const amount = withUnit(formatAmount(target), unit);
  return atMost ? t`at most ${amount}` : amount;
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
  const target = targetText(rawTarget, unit, atMost);
  switch (schedule.type) {
    case "times_per_week":
      return words.sameWeek ? t`${done} of ${target} this week` : t`${done} of ${target} that week`;
    case "times_per_month":
      return words.sameMonth
        ? t`${done} of ${target} this month`
        : t`${done} of ${target} that month`;
    case "times_in_days":
    case "every_n_days": {
      const days = schedule.type === "times_in_days" ? schedule.days : schedule.n;
      return plural(days, {
        one: `${done} of ${target} in # day`,
        other: `${done} of ${target} in # days`,
      });
    }
    default: {
      if (words.isToday) return t`${done} of ${target} today`;
      if (words.isYesterday) return t`${done} of ${target} yesterday`;
      const day = words.name;
      return t`${done} of ${target} on ${day}`;
    }
  }
}
