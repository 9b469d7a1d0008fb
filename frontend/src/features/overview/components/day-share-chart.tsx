import { plural, t } from "@lingui/core/macro";
// Only to render again when the language changes; the messages go through the `t` macro.
import { useLingui } from "@lingui/react";
import { activeLocale, directionOf, formatNumber, formatPercent } from "@/lib/i18n";
import { useElementWidth } from "@/lib/use-element-width";
import {
  addDays,
  diffDays,
  formatDate,
  orderedWeekdays,
  startOfWeek,
  weekdayShort,
} from "@/utils/dates";

type Day = { date: string; share_done: number | null };

function dayTitle(day: Day): string {
  const date = formatDate(day.date, { weekday: "short", day: "numeric", month: "short" });
  if (day.share_done === null) return t`${date}: nothing due`;
  const share = formatPercent(day.share_done);
  return t`${date}: ${share} done`;
}

/** Whether time runs right to left (Arabic): SVG ignores dir, so the charts mirror x in code. */
function rightToLeft(): boolean {
  return directionOf(activeLocale()) === "rtl";
}

/** The words a screen reader hears for the whole chart. */
export function chartSummary(days: Day[]): string {
  const counted = days.filter((d) => d.share_done !== null);
  if (counted.length === 0) return t`No habit was due in this period.`;
  const mean = formatPercent(
    counted.reduce((sum, d) => sum + (d.share_done ?? 0), 0) / counted.length,
  );
  const perfect = formatNumber(counted.filter((d) => (d.share_done ?? 0) >= 1).length);
  const total = counted.length;
  return plural(total, {
    one: `On average ${mean} of due habits were done each day; ${perfect} of # day had every due habit done.`,
    other: `On average ${mean} of due habits were done each day; ${perfect} of # days had every due habit done.`,
  });
}

/** Four steps of the accent colour, from a little to everything done. */
export function heatLevel(share: number | null): number {
  if (share === null) return -1;
  if (share <= 0) return 0;
  if (share < 0.34) return 1;
  if (share < 0.67) return 2;
  if (share < 1) return 3;
  return 4;
}

const BAR_HEIGHT = 160;
// "start" holds the percentage labels: the left in English, the right in Arabic.
const PAD = { top: 8, bottom: 22, start: 44, end: 8 };

/**
 * The left edge of day `i`'s bar: days run in the reading direction, the first at the start and
 * the last at the end, so right to left in Arabic (docs/decisions/0022-rtl.md).
 */
export function barX(i: number, count: number, width: number, rtl: boolean): number {
  const innerW = Math.max(50, width - PAD.start - PAD.end);
  const slot = innerW / Math.max(1, count);
  const bar = Math.max(2, slot * 0.7);
  const x = PAD.start + i * slot + (slot - bar) / 2;
  return rtl ? width - x - bar : x;
}

/** Every day from the first given to `end`, the days not given (after today) empty. */
export function fillTo(days: Day[], end: string): Day[] {
  const first = days[0]?.date;
  if (!first || end < first) return days;
  const byDate = new Map(days.map((d) => [d.date, d]));
  return Array.from(
    { length: diffDays(end, first) + 1 },
    (_, i) => byDate.get(addDays(first, i)) ?? { date: addDays(first, i), share_done: null },
  );
}

/** Bars for a week or a month: one per day, its height the share of due habits done. */
export function DayShareBars({ days: given, end }: { days: Day[]; end: string }) {
  const days = fillTo(given, end);
  const { ref, width } = useElementWidth<HTMLDivElement>();
  useLingui();
  const rtl = rightToLeft();
  const flip = (along: number) => (rtl ? width - along : along);
  const innerW = Math.max(50, width - PAD.start - PAD.end);
  const innerH = BAR_HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, days.length);
  const bar = Math.max(2, slot * 0.7);
  const y = (share: number) => PAD.top + (1 - share) * innerH;
  const labelEvery = days.length > 10 ? 7 : 1;
  const summary = chartSummary(days);
  return (
    <div className="chart" ref={ref}>
      <svg
        className="chart-svg"
        width={width}
        height={BAR_HEIGHT}
        viewBox={`0 0 ${width} ${BAR_HEIGHT}`}
        role="img"
        aria-label={t`Share of due habits done each day. ${summary}`}
      >
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line
              x1={flip(PAD.start)}
              x2={flip(width - PAD.end)}
              y1={y(tick)}
              y2={y(tick)}
              className="grid-line"
            />
            <text
              x={flip(PAD.start - 6)}
              y={y(tick)}
              textAnchor={rtl ? "start" : "end"}
              dominantBaseline="central"
              className="axis-label"
            >
              {formatPercent(tick)}
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const x = barX(i, days.length, width, rtl);
          const share = day.share_done ?? 0;
          return (
            <g key={day.date}>
              <rect
                x={x}
                y={y(share)}
                width={bar}
                height={Math.max(day.share_done === null ? 0 : 1, innerH * share)}
                rx={2}
                className={day.share_done === null ? "share-bar is-none" : "share-bar"}
              >
                <title>{dayTitle(day)}</title>
              </rect>
              {i % labelEvery === 0 ? (
                <text x={x + bar / 2} y={BAR_HEIGHT - 6} textAnchor="middle" className="axis-label">
                  {days.length > 10
                    ? formatDate(day.date, { day: "numeric" })
                    : formatDate(day.date, { weekday: "short" })}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** A year as a calendar heatmap: a column per week (following the week start), a row per weekday. */
export function DayShareHeatmap({
  days,
  from,
  end,
  weekStart,
}: {
  days: Day[];
  from: string;
  end: string;
  weekStart: number;
}) {
  useLingui();
  const rtl = rightToLeft();
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = startOfWeek(from, weekStart);
  const weeks = Math.ceil((diffDays(end, first) + 1) / 7);
  const rows = orderedWeekdays(weekStart);
  const cell = 12;
  const gap = 2;
  const left = 30;
  const width = left + weeks * (cell + gap);
  const height = 7 * (cell + gap);
  const summary = chartSummary(days);
  // The weekday names sit at the start (the right in Arabic), the weeks run away from them.
  const weekX = (week: number) =>
    rtl ? width - left - (week + 1) * (cell + gap) + gap : left + week * (cell + gap);
  return (
    <div
      className="share-heatmap-scroll"
      tabIndex={0}
      role="region"
      aria-label={t`Year heatmap, scrolls sideways`}
    >
      <svg
        className="share-heatmap"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t`Share of due habits done each day of the year. ${summary}`}
      >
        {rows.map((weekday, row) =>
          row % 2 === 0 ? (
            <text
              key={weekday}
              x={rtl ? width : 0}
              y={row * (cell + gap) + cell - 2}
              textAnchor={rtl ? "end" : "start"}
              className="axis-label"
            >
              {weekdayShort(weekday)}
            </text>
          ) : null,
        )}
        {Array.from({ length: weeks * 7 }, (_, i) => {
          const date = addDays(first, i);
          if (date < from || date > end) return null;
          const day = byDate.get(date) ?? { date, share_done: null };
          const week = Math.floor(i / 7);
          const row = i % 7;
          return (
            <rect
              key={date}
              x={weekX(week)}
              y={row * (cell + gap)}
              width={cell}
              height={cell}
              rx={2}
              className={`share-cell level-${heatLevel(day.share_done)}`}
            >
              <title>{dayTitle(day)}</title>
            </rect>
          );
        })}
      </svg>
    </div>
  );
}

export function HeatLegend() {
  useLingui();
  return (
    <div className="share-legend" aria-hidden="true">
      <span>{t`None due`}</span>
      <svg width={14} height={14}>
        <rect width={12} height={12} rx={2} className="share-cell level--1" />
      </svg>
      <span>{formatPercent(0)}</span>
      {[0, 1, 2, 3, 4].map((level) => (
        <svg key={level} width={14} height={14}>
          <rect width={12} height={12} rx={2} className={`share-cell level-${level}`} />
        </svg>
      ))}
      <span>{formatPercent(1)}</span>
    </div>
  );
}
