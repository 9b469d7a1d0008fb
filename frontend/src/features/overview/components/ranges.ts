// The overview's periods: a week following the person's week start, a calendar month or a
// calendar year, the current one clipped at today (the days after it hold nothing yet).
import { t } from "@lingui/core/macro";
import { addDays, formatDate, parseISODate, startOfWeek, toISODate } from "@/utils/dates";

export type Preset = "week" | "month" | "year";

export type Range = { from: string; to: string; end: string; label: string };

function monthStart(iso: string, offset: number): string {
  const d = parseISODate(iso);
  return toISODate(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
}

/** The period `offset` steps back (negative) or forward from the one holding today. */
export function rangeFor(preset: Preset, today: string, weekStart: number, offset = 0): Range {
  let from: string;
  let end: string;
  let label: string;
  if (preset === "week") {
    from = addDays(startOfWeek(today, weekStart), offset * 7);
    end = addDays(from, 6);
    const first = formatDate(from, { day: "numeric", month: "short" });
    const last = formatDate(end, { day: "numeric", month: "short", year: "numeric" });
    label = t`${first} – ${last}`;
  } else if (preset === "month") {
    from = monthStart(today, offset);
    end = addDays(monthStart(from, 1), -1);
    label = formatDate(from, { month: "long", year: "numeric" });
  } else {
    const year = Number(today.slice(0, 4)) + offset;
    from = `${year}-01-01`;
    end = `${year}-12-31`;
    label = formatDate(from, { year: "numeric" });
  }
  return { from, to: end < today ? end : today, end, label };
}
