import { plural, t } from "@lingui/core/macro";
import { formatList, formatNumber } from "@/lib/i18n";
import type { Habit, Weekday } from "@/types/api";
import { weekdayShort } from "@/utils/dates";

const WEEKDAYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** "On Mon, Wed and Fri", in the language's own way of joining a list. */
function describeWeekdays(days: Weekday[]): string {
  if (days.length === 7) return t`Every day`;
  const names = WEEKDAYS.flatMap((day, index) => (days.includes(day) ? [weekdayShort(index)] : []));
  const list = formatList(names);
  return t`On ${list}`;
}

function describeWhen(schedule: Habit["schedule"]): string {
  switch (schedule.type) {
    case "daily":
      return t`Every day`;
    case "weekdays":
      return describeWeekdays(schedule.days);
    case "times_per_week":
      return plural(schedule.times, { one: "Once a week", other: "# times a week" });
    case "times_per_month":
      return plural(schedule.times, { one: "Once a month", other: "# times a month" });
    case "every_n_days":
      if (schedule.n === 2) return t`Every other day`;
      return plural(schedule.n, { one: "Every day", other: "Every # days" });
    case "times_in_days": {
      const { times, days } = schedule;
      return t`${plural(times, { one: "# time", other: "# times" })} in ${plural(days, {
        one: "# day",
        other: "# days",
      })}`;
    }
  }
}

/** A habit's schedule in a few words ("3 times a week · at least 8 glasses"), in the active language. */
export function describeSchedule(
  habit: Pick<Habit, "schedule" | "kind" | "target" | "target_type" | "unit">,
): string {
  const when = describeWhen(habit.schedule);
  if (habit.kind !== "measurable") return when;
  const target = formatNumber(habit.target);
  const unit = habit.unit;
  const text =
    habit.target_type === "at_most"
      ? t`${when} · at most ${target} ${unit}`
      : t`${when} · at least ${target} ${unit}`;
  return text.trim();
}
