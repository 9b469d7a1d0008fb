// The habit form's reminders, as plain data: drafts the person edits, checked before saving,
// and the writes that turn the saved list into the drafts.
import { t } from "@lingui/core/macro";
import type { Reminder, ReminderChannel, ReminderInput, Schedule, Weekday } from "@/types/api";
import type { ReminderWrites } from "../api/reminders";

export const ALL_WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
/** The server keeps at most this many per habit. */
export const MAX_REMINDERS = 24;

export type ReminderDraft = {
  /** Stable across edits, for React and for naming a reminder's errors. */
  key: string;
  id?: number;
  time: string;
  /** No weekdays of its own: it fires on the days the habit is due, and follows the schedule. */
  followsSchedule: boolean;
  weekdays: Weekday[];
  only_if_not_done: boolean;
  channels: ReminderChannel[];
};

let nextKey = 0;
function freshKey(): string {
  nextKey += 1;
  return `new-${nextKey}`;
}

/** The weekdays a schedule is due on; every day for habits counted per week or month. */
export function habitDueDays(schedule: Schedule): Weekday[] {
  return schedule.type === "weekdays" && schedule.days.length > 0
    ? ALL_WEEKDAYS.filter((day) => schedule.days.includes(day))
    : ALL_WEEKDAYS;
}

export function draftFromReminder(reminder: Reminder): ReminderDraft {
  return {
    key: `saved-${reminder.id}`,
    id: reminder.id,
    time: reminder.time,
    followsSchedule: reminder.follows_habit_schedule,
    weekdays: ALL_WEEKDAYS.filter((day) => reminder.weekdays.includes(day)),
    only_if_not_done: reminder.only_if_not_done,
    channels: reminder.channels,
  };
}

function shiftHour(time: string, hours: number): string {
  const [h = "9", m = "00"] = time.split(":");
  const hour = (Number(h) + hours) % 24;
  return `${String(hour).padStart(2, "0")}:${m}`;
}

/** A new reminder: 09:00 at first, an hour after the last one otherwise, on the habit's days. */
export function newDraft(existing: ReminderDraft[], schedule: Schedule): ReminderDraft {
  const last = existing.at(-1);
  return {
    key: freshKey(),
    time: last && /^\d{2}:\d{2}$/.test(last.time) ? shiftHour(last.time, 1) : "09:00",
    followsSchedule: true,
    weekdays: habitDueDays(schedule),
    only_if_not_done: true,
    channels: ["push"],
  };
}

export function reminderInput(draft: ReminderDraft): ReminderInput {
  return {
    time: draft.time,
    ...(draft.followsSchedule
      ? {}
      : { weekdays: ALL_WEEKDAYS.filter((d) => draft.weekdays.includes(d)) }),
    only_if_not_done: draft.only_if_not_done,
    channels: (["push", "email"] as const).filter((c) => draft.channels.includes(c)),
  };
}

export function reminderErrorKey(draft: ReminderDraft, field: string): string {
  return `reminder:${draft.key}:${field}`;
}

/** Errors keyed by reminderErrorKey; empty when every draft can be saved. */
export function validateReminders(drafts: ReminderDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const times = new Map<string, number>();
  for (const draft of drafts) {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(draft.time)) {
      errors[reminderErrorKey(draft, "time")] = t`Pick a time.`;
    }
    if (!draft.followsSchedule && draft.weekdays.length === 0) {
      errors[reminderErrorKey(draft, "weekdays")] = t`Pick at least one day.`;
    }
    if (draft.channels.length === 0) {
      errors[reminderErrorKey(draft, "channels")] = t`Choose a notification, an e-mail or both.`;
    }
    times.set(draft.time, (times.get(draft.time) ?? 0) + 1);
  }
  for (const draft of drafts) {
    const key = reminderErrorKey(draft, "time");
    if (!errors[key] && (times.get(draft.time) ?? 0) > 1) {
      errors[key] = t`Another reminder has this time.`;
    }
  }
  if (drafts.length > MAX_REMINDERS) {
    const max = MAX_REMINDERS;
    errors.reminders = t`At most ${max} reminders per habit.`;
  }
  return errors;
}

function sameInput(saved: Reminder, draft: ReminderDraft): boolean {
  const input = reminderInput(draft);
  const savedInput = reminderInput(draftFromReminder(saved));
  return JSON.stringify(input) === JSON.stringify(savedInput);
}

/** What to send so the saved reminders become the drafts; unchanged ones are left alone. */
export function reminderWrites(saved: Reminder[], drafts: ReminderDraft[]): ReminderWrites {
  const byId = new Map(saved.map((reminder) => [reminder.id, reminder]));
  const kept = new Set<number>();
  const writes: ReminderWrites = { create: [], update: [], remove: [] };
  for (const draft of drafts) {
    const original = draft.id === undefined ? undefined : byId.get(draft.id);
    if (!original) {
      writes.create.push({ key: draft.key, input: reminderInput(draft) });
      continue;
    }
    kept.add(original.id);
    if (sameInput(original, draft)) continue;
    const input = reminderInput(draft);
    // A change sends null to go back to the habit's days.
    writes.update.push({
      key: draft.key,
      id: original.id,
      patch: { ...input, weekdays: input.weekdays ?? null },
    });
  }
  writes.remove = saved.filter((reminder) => !kept.has(reminder.id)).map((r) => r.id);
  return writes;
}
