import { describe, expect, it } from "vitest";
import type { Reminder } from "@/types/api";
import {
  draftFromReminder,
  habitDueDays,
  newDraft,
  reminderErrorKey,
  reminderInput,
  reminderWrites,
  validateReminders,
  type ReminderDraft,
} from "./reminders-state";

function saved(overrides: Partial<Reminder> = {}): Reminder {
  return {
    id: 1,
    habit_id: 5,
    time: "08:00",
    weekdays: ["mon", "wed", "fri"],
    follows_habit_schedule: true,
    only_if_not_done: true,
    channels: ["push"],
    next_fire_at: null,
    ...overrides,
  };
}

describe("reminder drafts", () => {
  it("default to the habit's due days, and every day for a habit counted per period", () => {
    expect(habitDueDays({ type: "weekdays", days: ["fri", "mon"] })).toEqual(["mon", "fri"]);
    expect(habitDueDays({ type: "daily" })).toHaveLength(7);
    expect(habitDueDays({ type: "times_per_week", times: 3 })).toHaveLength(7);
  });

  it("start at 09:00, then an hour after the last one", () => {
    const first = newDraft([], { type: "weekdays", days: ["tue"] });
    expect(first).toMatchObject({
      time: "09:00",
      followsSchedule: true,
      weekdays: ["tue"],
      only_if_not_done: true,
      channels: ["push"],
    });
    expect(newDraft([{ ...first, time: "23:30" }], { type: "daily" }).time).toBe("00:30");
    expect(newDraft([first], { type: "daily" }).key).not.toBe(first.key);
  });

  it("send their own weekdays only when they do not follow the habit", () => {
    const draft = draftFromReminder(saved());
    expect(reminderInput(draft)).toEqual({
      time: "08:00",
      only_if_not_done: true,
      channels: ["push"],
    });
    expect(
      reminderInput({
        ...draft,
        followsSchedule: false,
        weekdays: ["sun", "mon"],
        channels: ["email", "push"],
      }),
    ).toEqual({
      time: "08:00",
      weekdays: ["mon", "sun"],
      only_if_not_done: true,
      channels: ["push", "email"],
    });
  });
});

describe("checking reminders before saving", () => {
  const draft = (patch: Partial<ReminderDraft>): ReminderDraft => ({
    ...newDraft([], { type: "daily" }),
    ...patch,
  });

  it("names each reminder's empty time, empty day set and missing channel", () => {
    const bad = draft({ time: "", followsSchedule: false, weekdays: [], channels: [] });
    expect(validateReminders([bad])).toEqual({
      [reminderErrorKey(bad, "time")]: "Pick a time.",
      [reminderErrorKey(bad, "weekdays")]: "Pick at least one day.",
      [reminderErrorKey(bad, "channels")]: "Choose a notification, an e-mail or both.",
    });
  });

  it("refuses two reminders at the same time and accepts distinct ones", () => {
    const a = draft({ time: "08:00" });
    const b = draft({ time: "08:00" });
    expect(Object.keys(validateReminders([a, b]))).toEqual([
      reminderErrorKey(a, "time"),
      reminderErrorKey(b, "time"),
    ]);
    expect(validateReminders([a, { ...b, time: "20:00" }])).toEqual({});
  });
});

describe("the writes that save the editor", () => {
  it("creates new reminders, patches changed ones, deletes removed ones and skips the rest", () => {
    const kept = saved({ id: 1, time: "07:00" });
    const changed = saved({ id: 2, time: "12:00" });
    const removed = saved({ id: 3, time: "18:00" });
    const fresh = newDraft([], { type: "daily" });
    const drafts = [
      draftFromReminder(kept),
      { ...draftFromReminder(changed), followsSchedule: false, weekdays: ["sat" as const] },
      fresh,
    ];
    expect(reminderWrites([kept, changed, removed], drafts)).toEqual({
      remove: [3],
      update: [
        {
          key: "saved-2",
          id: 2,
          patch: { time: "12:00", weekdays: ["sat"], only_if_not_done: true, channels: ["push"] },
        },
      ],
      create: [
        { key: fresh.key, input: { time: "09:00", only_if_not_done: true, channels: ["push"] } },
      ],
    });
  });

  it("sends null weekdays to put a reminder back on the habit's days", () => {
    const own = saved({ id: 4, follows_habit_schedule: false, weekdays: ["sun"] });
    const drafts = [{ ...draftFromReminder(own), followsSchedule: true }];
    expect(reminderWrites([own], drafts).update[0]?.patch.weekdays).toBeNull();
  });
});
