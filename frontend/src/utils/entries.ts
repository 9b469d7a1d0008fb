import type { Entry, EntryInput, Habit } from "@/types/api";

// PUT /api/habits/{id}/entries/{date} replaces the whole entry, so every
// change is merged with what the day already holds before it is sent. A
// measurable habit never carries status "done" (the server derives it from
// the value); an entry with no status, value or note is deleted instead.

type HabitRule = Pick<Habit, "kind" | "target" | "target_type">;

export function meetsTarget(habit: HabitRule, value: number | null): boolean {
  if (value === null) return false;
  return habit.target_type === "at_most" ? value <= habit.target : value >= habit.target;
}

/** Whether a day counts as done, for yes/no and measurable habits alike. */
export function isEntryDone(habit: HabitRule, entry: Entry | null | undefined): boolean {
  if (!entry) return false;
  if (entry.status === "done") return true;
  return (
    habit.kind === "measurable" && entry.status !== "skipped" && meetsTarget(habit, entry.value)
  );
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
