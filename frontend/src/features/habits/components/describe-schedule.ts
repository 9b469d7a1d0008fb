import type { Habit } from "@/types/api";

const DAY_NAMES: Record<string, string> = {
  mon: "Mon",
  tue: "Tue",
  wed: "Wed",
  thu: "Thu",
  fri: "Fri",
  sat: "Sat",
  sun: "Sun",
};

export function describeSchedule(
  habit: Pick<Habit, "schedule" | "kind" | "target" | "target_type" | "unit">,
): string {
  const s = habit.schedule;
  let when: string;
  switch (s.type) {
    case "daily":
      when = "Every day";
      break;
    case "weekdays":
      when = s.days.map((d) => DAY_NAMES[d] ?? d).join(", ");
      break;
    case "times_per_week":
      when = `${s.times}× a week`;
      break;
    case "times_per_month":
      when = `${s.times}× a month`;
      break;
    case "every_n_days":
      when = `Every ${s.n} days`;
      break;
    case "times_in_days":
      when = `${s.times}× in ${s.days} days`;
      break;
  }
  if (habit.kind === "measurable") {
    const op = habit.target_type === "at_most" ? "at most" : "at least";
    return `${when} · ${op} ${habit.target} ${habit.unit}`.trim();
  }
  return when;
}
