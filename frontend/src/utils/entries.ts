import type { DayLimit, Entry, EntryInput, Habit, Schedule } from "@/types/api";

// PUT /api/habits/{id}/entries/{date} replaces the whole entry, so every
// change is merged with what the day already holds before it is sent. A
// measurable habit never carries status "done" (the server derives it from
// the value); an entry with no status, value or note is deleted instead.

type HabitRule = Pick<Habit, "kind" | "target" | "target_type">;

export function meetsTarget(habit: HabitRule, value: number | null): boolean {
  if (value === null) return false;
  return habit.target_type === "at_most" ? value <= habit.target : value >= habit.target;
}

/**
 * An "at most" habit's day against its limit. Nothing logged is within it
 * (0 coffees is a success for "at most 2"), except before the habit started;
 * a skipped day and every other kind of habit have no limit.
 */
export function dayLimit(
  habit: HabitRule,
  entry: Entry | null | undefined,
  { beforeStart = false }: { beforeStart?: boolean } = {},
): DayLimit {
  if (habit.kind !== "measurable" || habit.target_type !== "at_most") return null;
  if (entry?.status === "skipped") return null;
  const value = entry?.value ?? null;
  if (value === null) return beforeStart ? null : "within";
  return value <= habit.target ? "within" : "over";
}

/**
 * Whether one day counts as done on its own, for yes/no and measurable habits
 * alike, as the API decides it: a measurable day by its value against the
 * target, or a "done" status without a value (imported data) as the target.
 */
export function isEntryDone(
  habit: HabitRule,
  entry: Entry | null | undefined,
  { beforeStart = false }: { beforeStart?: boolean } = {},
): boolean {
  if (entry?.status === "skipped") return false;
  if (habit.kind === "measurable" && habit.target_type === "at_most") {
    return dayLimit(habit, entry, { beforeStart }) === "within";
  }
  if (!entry) return false;
  if (entry.status === "done") return true;
  return habit.kind === "measurable" && meetsTarget(habit, entry.value);
}

/** Schedules whose target is reached over a period (a week, a month, n days), not each day. */
export function hasPeriodTarget(schedule: Schedule): boolean {
  return schedule.type !== "daily" && schedule.type !== "weekdays";
}

/** The full entry to store after applying `input`, or null to delete the day. */
export function mergeEntry(
  habit: HabitRule,
  date: string,
  previous: Entry | null | undefined,
  input: EntryInput | null,
): Entry | null {
  if (input === null) return null;
  const next: Entry = {
    date,
    status: previous?.status ?? null,
    value: previous?.value ?? null,
    note: previous?.note ?? "",
    ...input,
  };
  if (habit.kind === "measurable") {
    if (next.status === "done") next.status = null;
    // A new value means the day is no longer skipped.
    if (input.value !== undefined && input.value !== null && input.status === undefined) {
      next.status = null;
    }
  } else {
    next.value = null;
  }
  if (next.status === null && next.value === null && next.note.trim() === "") return null;
  return next;
}

export function entryBody(entry: Entry): EntryInput {
  return { status: entry.status, value: entry.value, note: entry.note };
}
