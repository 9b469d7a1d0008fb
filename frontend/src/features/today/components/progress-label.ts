import type { Schedule } from "@/types/api";

/** "2 of 3 this week": how far along the habit's current period is. */
export function progressLabel(
  schedule: Schedule,
  rawDone: number,
  rawTarget: number,
  unit = "",
): string {
  // The API sends floats (1.0); show whole numbers plainly.
  const done = Math.round(rawDone * 100) / 100;
  const target = `${Math.round(rawTarget * 100) / 100}${unit ? ` ${unit}` : ""}`;
  switch (schedule.type) {
    case "times_per_week":
      return `${done} of ${target} this week`;
    case "times_per_month":
      return `${done} of ${target} this month`;
    case "times_in_days":
      return `${done} of ${target} in ${schedule.days} days`;
    case "every_n_days":
      return `${done} of ${target} in ${schedule.n} days`;
    default:
      return `${done} of ${target} today`;
  }
}
