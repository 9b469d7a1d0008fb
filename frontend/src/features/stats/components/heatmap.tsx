import { t } from "@lingui/core/macro";
import { Trans } from "@lingui/react/macro";
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { activeLocale, formattingLocale, directionOf, formatNumber } from "@/lib/i18n";
import type { Entry, Habit } from "@/types/api";
import { dayLimit, isEntryDone } from "@/utils/entries";
import {
  addDays,
  diffDays,
  formatDate,
  formatDateInYear,
  orderedWeekdays,
  startOfWeek,
  weekdayShort,
} from "@/utils/dates";

type HeatmapProps = {
  habit: Habit;
  entries: Entry[];
  today: string;
  weekStart: number;
  /** The day open in the day editor. */
  selected: string | null;
  /** The id of the day editor, which the open day controls. */
  editorId?: string;
  /** Clicking a day changes its status instead of opening it. */
  marking?: boolean;
  onActivate: (date: string) => void;
};

export const HEATMAP_WEEKS = 53;

/** The first day shown: the start of the week a year ago. */
export function heatmapStart(today: string, weekStart: number): string {
  return startOfWeek(addDays(today, -7 * (HEATMAP_WEEKS - 1)), weekStart);
}

function cellLabel(date: string, entry: Entry | undefined, habit: Habit, beforeStart: boolean) {
  const day = formatDate(date, {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
  });
  const parts: string[] = [];
  if (beforeStart) parts.push(t`before the habit started`);
  if (isEntryDone(habit, entry, { beforeStart })) parts.push(t`done`);
  if (entry?.status === "skipped") parts.push(t`skipped`);
  const limit = dayLimit(habit, entry, { beforeStart });
  if (limit) parts.push(limit === "over" ? t`over the limit` : t`within the limit`);
  if (habit.kind === "measurable" && entry && entry.value !== null) {
    const amount = formatNumber(entry.value, { maximumFractionDigits: 3 });
    // Every language we ship writes the unit after the number.
    parts.push(habit.unit ? `${amount} ${habit.unit}` : amount);
  }
  if (entry?.note) parts.push(t`has a note`);
  // "skipped, has a note", with the language's own comma ("،" in Arabic).
  const what =
    parts.length > 0
      ? new Intl.ListFormat(formattingLocale(), { type: "unit", style: "short" }).format(parts)
      : t`no entry`;
  return t`${day}: ${what}`;
}

/**
 * Which week columns begin a new month, for the labels above the grid: "Jun"
 * in the current year, "Jun 2024" (in the person's locale) before it, so that
 * last June is not read as this one.
 */
export function monthStarts(
  start: string,
  totalDays: number,
  today: string,
): { week: number; label: string }[] {
  const labels: { week: number; label: string; long: boolean }[] = [];
  let lastMonth = "";
  for (let week = 0; week < Math.ceil(totalDays / 7); week++) {
    const date = addDays(start, week * 7);
    const month = date.slice(0, 7);
    const previous = labels[labels.length - 1];
    // Skip a label that would crowd the previous one (a month starting in week 1); one with
    // a year needs a week more (a week is 16 px wide).
    const room = previous ? (previous.long ? 4 : 3) : 0;
    if (month !== lastMonth && (!previous || week - previous.week >= room)) {
      const long = month.slice(0, 4) !== today.slice(0, 4);
      labels.push({ week, label: formatDateInYear(date, { month: "short" }, today), long });
    }
    lastMonth = month;
  }
  return labels.map(({ week, label }) => ({ week, label }));
}

export function Heatmap({
  habit,
  entries,
  today,
  weekStart,
  selected,
  editorId,
  marking = false,
  onActivate,
}: HeatmapProps) {
  const start = heatmapStart(today, weekStart);
  const byDate = useMemo(() => new Map(entries.map((e) => [e.date, e])), [entries]);
  const [focusDate, setFocusDate] = useState(selected ?? today);
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);

  // On narrow screens the grid scrolls: start at the most recent weeks, at the inline end (the
  // left in Arabic, where scrollLeft counts negative from the right edge).
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller) return;
    const rtl = directionOf(activeLocale()) === "rtl";
    scroller.scrollLeft = rtl ? -scroller.scrollWidth : scroller.scrollWidth;
  }, []);
  const totalDays = diffDays(today, start) + 1;

  const days = Array.from({ length: totalDays }, (_, i) => addDays(start, i));
  const monthLabels = monthStarts(start, totalDays, today);

  const moveFocus = (date: string) => {
    if (date < start || date > today) return;
    setFocusDate(date);
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-date="${date}"]`)?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, date: string) => {
    // The weeks run right to left in Arabic (the grid flips with dir=rtl): arrows follow the eye.
    const back = directionOf(activeLocale()) === "rtl" ? 7 : -7;
    const moves: Record<string, number> = {
      ArrowLeft: back,
      ArrowRight: -back,
      ArrowUp: -1,
      ArrowDown: 1,
    };
    const delta = moves[event.key];
    if (delta !== undefined) {
      event.preventDefault();
      moveFocus(addDays(date, delta));
    } else if (event.key === "Home") {
      event.preventDefault();
      moveFocus(start);
    } else if (event.key === "End") {
      event.preventDefault();
      moveFocus(today);
    }
  };

  const rowLabels = orderedWeekdays(weekStart);
  const name = habit.name;
  const gridLabel = marking
    ? t`${name}, last 12 months. Arrow keys move between days; Enter changes a day's status: done, skipped, empty.`
    : t`${name}, last 12 months. Arrow keys move between days; Enter opens a day.`;
  return (
    <div className="heatmap-wrap">
      <div className="heatmap-scroll" ref={scrollRef}>
        <div className="heatmap" ref={gridRef}>
          <div className="heatmap-months" aria-hidden="true">
            {monthLabels.map(({ week, label }) => (
              <span key={`${week}-${label}`} style={{ gridColumnStart: week + 2 }}>
                {label}
              </span>
            ))}
          </div>
          <div className="heatmap-grid" role="group" aria-label={gridLabel}>
            {rowLabels.map((weekday, row) => (
              <span
                key={weekday}
                className="heatmap-rowlabel"
                aria-hidden="true"
                style={{ gridRow: row + 1 }}
              >
                {row % 2 === 0 ? weekdayShort(weekday) : ""}
              </span>
            ))}
            {days.map((date, i) => {
              const entry = byDate.get(date);
              // Days before the start can be filled in: doing so moves the start back.
              const beforeStart = date < habit.start_date;
              const done = isEntryDone(habit, entry, { beforeStart });
              const over = dayLimit(habit, entry, { beforeStart }) === "over";
              const status = done ? "done" : over ? "over" : (entry?.status ?? null);
              const partial = habit.kind === "measurable" && !status && (entry?.value ?? 0) > 0;
              const open = !marking && selected === date;
              return (
                <button
                  key={date}
                  type="button"
                  data-date={date}
                  className={`heat-cell heat-${status ?? (partial ? "partial" : "none")}${
                    selected === date ? " is-selected" : ""
                  }${entry?.note ? " has-note" : ""}${beforeStart ? " before-start" : ""}`}
                  style={{
                    gridColumn: Math.floor(i / 7) + 2,
                    gridRow: (i % 7) + 1,
                    ...(status === "done" ? { background: habit.color } : {}),
                    ...(partial ? { background: `${habit.color}66` } : {}),
                  }}
                  tabIndex={date === focusDate ? 0 : -1}
                  aria-expanded={marking ? undefined : open}
                  aria-controls={open ? editorId : undefined}
                  aria-label={cellLabel(date, entry, habit, beforeStart)}
                  onFocus={() => setFocusDate(date)}
                  onKeyDown={(event) => onKeyDown(event, date)}
                  onClick={() => onActivate(date)}
                />
              );
            })}
          </div>
        </div>
      </div>
      <div className="heatmap-legend muted small" aria-hidden="true">
        <span className="heat-cell heat-none" /> <Trans>none</Trans>
        <span className="heat-cell heat-done" style={{ background: habit.color }} />{" "}
        <Trans>done</Trans>
        <span className="heat-cell heat-skipped" /> <Trans>skipped</Trans>
        {habit.kind === "measurable" && habit.target_type === "at_most" ? (
          <>
            <span className="heat-cell heat-over" /> <Trans>over the limit</Trans>
          </>
        ) : null}
      </div>
    </div>
  );
}
