// Pure rules of Today's week grid: what a cell says, what a click does, and how a change
// reads before the server answers.
import { msg, t } from "@lingui/core/macro";
import { i18n, type MessageDescriptor } from "@lingui/core";
import type { DayStatus, Entry, EntryInput, Habit, TodayDay } from "@/types/api";
import { addDays, formatDate } from "@/utils/dates";
import { dayLimit, isEntryDone } from "@/utils/entries";
import { formatAmount, withUnit } from "./progress-label";

type HabitRule = Pick<Habit, "name" | "kind" | "unit" | "target" | "target_type">;

const STATUS_WORDS: Record<DayStatus, MessageDescriptor> = {
  done: msg`done`,
  skipped: msg`skipped`,
  missed: msg`missed`,
  not_due: msg`not due`,
  before_start: msg`before the habit started`,
  empty: msg`not done yet`,
  partial: msg`partly done`,
};

/** "Tuesday 1 December", always without the year: the grid only shows the last week. */
export function cellDate(date: string): string {
  return formatDate(date, { weekday: "long", day: "numeric", month: "long" });
}

/** What a screen reader hears for a cell: "Read, Tuesday 1 December: done". */
export function cellLabel(habit: HabitRule, day: TodayDay): string {
  const status = i18n._(STATUS_WORDS[day.status]);
  const name = habit.name;
  const date = cellDate(day.date);
  if (habit.kind === "measurable" && day.value !== null && day.status !== "skipped") {
    const amount = withUnit(formatAmount(day.value), habit.unit);
    return t`${name}, ${date}: ${amount}, ${status}`;
  }
  return t`${name}, ${date}: ${status}`;
}

/** The mark drawn in a cell (hidden from screen readers, which hear the label). */
export function cellMark(habit: HabitRule, day: TodayDay): string {
  if (day.status === "skipped") return "–";
  if (habit.kind === "measurable" && day.value !== null) return formatAmount(day.value);
  if (day.status === "done") return "✓";
  if (day.status === "missed") return "✕";
  return "";
}

/** A yes/no cell's click: done → skipped → empty → done. */
export function nextCellInput(day: TodayDay): EntryInput {
  if (day.status === "done") return { status: "skipped" };
  if (day.status === "skipped") return { status: null };
  return { status: "done" };
}

/**
 * The entry a day holds as far as the grid knows it, its note included (the server sends
 * each day's note; a day it never sent, made up offline, is taken to have none).
 */
export function entryFromDay(habit: Pick<Habit, "kind">, day: TodayDay): Entry | null {
  const status =
    day.status === "skipped"
      ? "skipped"
      : habit.kind === "boolean" && day.status === "done"
        ? "done"
        : null;
  const value = habit.kind === "measurable" ? day.value : null;
  const note = day.note ?? "";
  if (status === null && value === null && note === "") return null;
  return { date: day.date, status, value, note };
}

/** How a day reads once `entry` is saved, mirroring the server until it answers. */
export function dayWithEntry(
  habit: Pick<Habit, "kind" | "target" | "target_type">,
  day: TodayDay,
  entry: Entry | null,
  today: string,
): TodayDay {
  const beforeStart = day.status === "before_start";
  const value = entry?.value ?? null;
  // As the server says it: null when the day holds nothing.
  const note = entry ? entry.note : null;
  let status: DayStatus;
  if (entry?.status === "skipped") status = "skipped";
  else if (isEntryDone(habit, entry, { beforeStart }) && (entry !== null || !beforeStart)) {
    status = "done";
  } else if (dayLimit(habit, entry, { beforeStart }) === "over") status = "missed";
  else if (value !== null && value > 0) status = "partial";
  else if (beforeStart) status = "before_start";
  else if (!day.due) status = "not_due";
  else status = day.date >= today ? "empty" : "missed";
  // An entry before the start moves the start back: the day now counts.
  if (beforeStart && entry !== null && status === "before_start") status = "missed";
  return { ...day, status, value, note };
}

/** The grid's days for `date`, keeping what an earlier list knew, for a new day offline. */
export function shiftDays(days: TodayDay[] | undefined, date: string, due: boolean): TodayDay[] {
  const known = new Map((days ?? []).map((day) => [day.date, day]));
  return Array.from({ length: 7 }, (_, i) => {
    const day = addDays(date, i - 6);
    return known.get(day) ?? { date: day, status: "empty", value: null, due };
  });
}
