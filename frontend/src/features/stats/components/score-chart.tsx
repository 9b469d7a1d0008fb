import type { MessageDescriptor } from "@lingui/core";
import { msg, t } from "@lingui/core/macro";
import { useLingui } from "@lingui/react/macro";
import { useState } from "react";
import { activeLocale, directionOf, formatPercent } from "@/lib/i18n";
import { useElementWidth } from "@/lib/use-element-width";
import { formatShortDate } from "@/utils/dates";

type Point = { date: string; score: number };
type View = "week" | "month" | "year";

const VIEWS: { value: View; label: MessageDescriptor; days: number }[] = [
  { value: "week", label: msg`Week`, days: 7 },
  { value: "month", label: msg`Month`, days: 31 },
  { value: "year", label: msg`Year`, days: 366 },
];

const HEIGHT = 200;
// "start" holds the percentage labels: the left in English, the right in Arabic.
const PAD = { top: 10, end: 12, bottom: 24, start: 44 };

/** The points of the chosen view: the last N days, thinned to weekly for a year. */
export function pointsForView(history: Point[], view: View): Point[] {
  const days = VIEWS.find((v) => v.value === view)!.days;
  const recent = history.slice(-days);
  if (view !== "year") return recent;
  return recent.filter((_, i) => (recent.length - 1 - i) % 7 === 0);
}

function scoreSummary(view: View, from: number, to: number): string {
  const start = formatPercent(from);
  const end = formatPercent(to);
  if (view === "week") return t`Score over the last week: from ${start} to ${end}`;
  if (view === "month") return t`Score over the last month: from ${start} to ${end}`;
  return t`Score over the last year: from ${start} to ${end}`;
}

type ScoreChartProps = { history: Point[]; color: string; today: string };

/**
 * Where a point sits across: time runs in the reading direction, the oldest point at the start
 * and the newest at the end, so right to left in Arabic (docs/decisions/0022-rtl.md).
 */
export function chartX(i: number, count: number, width: number, rtl: boolean): number {
  const innerW = width - PAD.start - PAD.end;
  const along = PAD.start + (count <= 1 ? innerW : (i / (count - 1)) * innerW);
  return rtl ? width - along : along;
}

export function ScoreChart({ history, color, today }: ScoreChartProps) {
  // Renders again when the language changes; the messages read it through `t`.
  const { i18n } = useLingui();
  const [view, setView] = useState<View>("month");
  const { ref, width: WIDTH } = useElementWidth<HTMLDivElement>();
  const points = pointsForView(history, view);
  const rtl = directionOf(activeLocale()) === "rtl";
  // Along the reading direction: mirrored in code, since SVG ignores dir; text stays upright.
  const flip = (along: number) => (rtl ? WIDTH - along : along);
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => chartX(i, points.length, WIDTH, rtl);
  const y = (score: number) => PAD.top + (1 - score) * innerH;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(" ");
  const last = points[points.length - 1];
  const first = points[0];

  return (
    <div className="chart" ref={ref}>
      <div className="segmented" role="group" aria-label={t`Score period`}>
        {VIEWS.map((v) => (
          <button
            key={v.value}
            type="button"
            aria-pressed={view === v.value}
            onClick={() => setView(v.value)}
          >
            {i18n._(v.label)}
          </button>
        ))}
      </div>
      {points.length === 0 ? (
        <p className="empty-note">{t`The score appears after the first check-in.`}</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width={WIDTH}
          height={HEIGHT}
          className="chart-svg"
          role="img"
          aria-label={scoreSummary(view, first?.score ?? 0, last?.score ?? 0)}
        >
          {[0, 0.5, 1].map((tick) => (
            <g key={tick}>
              <line
                x1={flip(PAD.start)}
                x2={flip(WIDTH - PAD.end)}
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
          <path d={path} fill="none" stroke={color} strokeWidth={2.5} strokeLinejoin="round" />
          {points.length <= 31
            ? points.map((p, i) => (
                <circle key={p.date} cx={x(i)} cy={y(p.score)} r={3} fill={color} />
              ))
            : null}
          {first ? (
            <text
              x={flip(PAD.start)}
              y={HEIGHT - 6}
              textAnchor={rtl ? "end" : "start"}
              className="axis-label"
            >
              {formatShortDate(first.date, today)}
            </text>
          ) : null}
          {last ? (
            <text
              x={flip(WIDTH - PAD.end)}
              y={HEIGHT - 6}
              textAnchor={rtl ? "start" : "end"}
              className="axis-label"
            >
              {formatShortDate(last.date, today)}
            </text>
          ) : null}
        </svg>
      )}
    </div>
  );
}
