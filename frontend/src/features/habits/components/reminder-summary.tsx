import { t } from "@lingui/core/macro";
import { Plural } from "@lingui/react/macro";
import { formatList } from "@/lib/i18n";
import type { Reminder } from "@/types/api";
import { orderedWeekdays, weekdayShort } from "@/utils/dates";
import { useReminders } from "../api/reminders";
import { ALL_WEEKDAYS } from "./reminders-state";

/** "07:00 (Mon and Thu) by e-mail": a reminder's time, and its days when they are not every day. */
export function describeReminder(reminder: Reminder, weekStart: number): string {
  const time = reminder.time;
  const days = formatList(
    orderedWeekdays(weekStart)
      .filter((index) => reminder.weekdays.includes(ALL_WEEKDAYS[index]!))
      .map((index) => weekdayShort(index)),
  );
  const everyDay = reminder.weekdays.length === 7;
  const channel =
    reminder.channels.length === 2 ? "both" : reminder.channels[0] === "email" ? "email" : "push";
  if (channel === "both") {
    return everyDay
      ? t`${time} by notification and e-mail`
      : t`${time} (${days}) by notification and e-mail`;
  }
  if (channel === "email") return everyDay ? t`${time} by e-mail` : t`${time} (${days}) by e-mail`;
  return everyDay ? time : t`${time} (${days})`;
}

/** The habit's reminders in one line under its schedule; nothing when it has none. */
export function ReminderSummary({ habitId, weekStart }: { habitId: number; weekStart: number }) {
  const reminders = useReminders(habitId);
  const list = reminders.data ?? [];
  if (list.length === 0) return null;
  const described = formatList(list.map((reminder) => describeReminder(reminder, weekStart)));
  return (
    <p className="muted small">
      <Plural
        value={list.length}
        one={`Reminder: ${described}`}
        other={`Reminders: ${described}`}
      />
    </p>
  );
}
