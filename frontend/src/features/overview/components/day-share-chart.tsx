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

function percent(share: number | null): string {
  return share === null ? "nothing due" : `${Math.round(share * 100)}% done`;
}

function dayTitle(day: Day): string {
  return `${formatDate(day.date, { weekday: "short", day: "numeric", month: "short" })}: ${percent(
    day.share_done,
  )}`;
}

/** The words a screen reader hears for the whole chart. */
export function chartSummary(days: Day[]): string {
  const counted = days.filter((d) => d.share_done !== null);
  if (counted.length === 0) return "No habit was due in this period.";
  const mean = counted.reduce((sum, d) => sum + (d.share_done ?? 0), 0) / counted.length;
  const perfect = counted.filter((d) => (d.share_done ?? 0) >= 1).length;
  return `On average ${Math.round(mean * 100)}% of due habits were done each day; ${perfect} of ${
    counted.length
  } days had every due habit done.`;
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
const PAD = { top: 8, bottom: 22, left: 44, right: 8 };

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
  const innerW = Math.max(50, width - PAD.left - PAD.right);
  const innerH = BAR_HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, days.length);
  const bar = Math.max(2, slot * 0.7);
  const y = (share: number) => PAD.top + (1 - share) * innerH;
  const labelEvery = days.length > 10 ? 7 : 1;
  return (
    <div className="chart" ref={ref}>
      <svg
        className="chart-svg"
        width={width}
        height={BAR_HEIGHT}
        viewBox={`0 0 ${width} ${BAR_HEIGHT}`}
        role="img"
        aria-label={`Share of due habits done each day. ${chartSummary(days)}`}
      >
        {[0, 0.5, 1].map((tick) => (
          <g key={tick}>
            <line
              x1={PAD.left}
              x2={width - PAD.right}
              y1={y(tick)}
              y2={y(tick)}
              className="grid-line"
            />
            <text
              x={PAD.left - 6}
              y={y(tick)}
              textAnchor="end"
              dominantBaseline="central"
              className="axis-label"
            >
              {tick * 100}%
            </text>
          </g>
        ))}
        {days.map((day, i) => {
          const x = PAD.left + i * slot + (slot - bar) / 2;
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
  const byDate = new Map(days.map((d) => [d.date, d]));
  const first = startOfWeek(from, weekStart);
  const weeks = Math.ceil((diffDays(end, first) + 1) / 7);
  const rows = orderedWeekdays(weekStart);
  const cell = 12;
  const gap = 2;
  const left = 30;
  const width = left + weeks * (cell + gap);
  const height = 7 * (cell + gap);
  return (
    <div
      className="share-heatmap-scroll"
      tabIndex={0}
      role="region"
      aria-label="Year heatmap, scrolls sideways"
    >
      <svg
        className="share-heatmap"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Share of due habits done each day of the year. ${chartSummary(days)}`}
      >
        {rows.map((weekday, row) =>
          row % 2 === 0 ? (
            <text key={weekday} x={0} y={row * (cell + gap) + cell - 2} className="axis-label">
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
              x={left + week * (cell + gap)}
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
  return (
    <div className="share-legend" aria-hidden="true">
      <span>None due</span>
      <svg width={14} height={14}>
        <rect width={12} height={12} rx={2} className="share-cell level--1" />
      </svg>
      <span>0%</span>
      {[0, 1, 2, 3, 4].map((level) => (
        <svg key={level} width={14} height={14}>
          <rect width={12} height={12} rx={2} className={`share-cell level-${level}`} />
        </svg>
      ))}
      <span>100%</span>
    </div>
  );
}
