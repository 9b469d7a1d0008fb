import type { Reminder } from "@/types/api";
import { orderedWeekdays, weekdayShort } from "@/utils/dates";
import { useReminders } from "../api/reminders";
import { ALL_WEEKDAYS } from "./reminders-state";

/** "07:00 (Mon, Thu)": a reminder's time, and its days when they are not every day. */
export function describeReminder(reminder: Reminder, weekStart: number): string {
  const days =
    reminder.weekdays.length === 7
      ? ""
      : ` (${orderedWeekdays(weekStart)
          .filter((index) => reminder.weekdays.includes(ALL_WEEKDAYS[index]!))
          .map((index) => weekdayShort(index))
          .join(", ")})`;
  const by =
    reminder.channels.length === 2
      ? " by notification and e-mail"
      : reminder.channels[0] === "email"
        ? " by e-mail"
        : "";
  return `${reminder.time}${days}${by}`;
}

/** The habit's reminders in one line under its schedule; nothing when it has none. */
export function ReminderSummary({ habitId, weekStart }: { habitId: number; weekStart: number }) {
  const reminders = useReminders(habitId);
  const list = reminders.data ?? [];
  if (list.length === 0) return null;
  return (
    <p className="muted small">
      {list.length === 1 ? "Reminder: " : "Reminders: "}
      {list.map((reminder) => describeReminder(reminder, weekStart)).join(", ")}
    </p>
  );
}
