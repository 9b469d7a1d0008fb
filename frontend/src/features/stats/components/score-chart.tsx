import { useState } from "react";
import { useElementWidth } from "@/lib/use-element-width";
import { formatShortDate } from "@/utils/dates";

type Point = { date: string; score: number };
type View = "week" | "month" | "year";

const VIEWS: { value: View; label: string; days: number }[] = [
  { value: "week", label: "Week", days: 7 },
  { value: "month", label: "Month", days: 31 },
  { value: "year", label: "Year", days: 366 },
];

const HEIGHT = 200;
const PAD = { top: 10, right: 12, bottom: 24, left: 44 };

/** The points of the chosen view: the last N days, thinned to weekly for a year. */
export function pointsForView(history: Point[], view: View): Point[] {
  const days = VIEWS.find((v) => v.value === view)!.days;
  const recent = history.slice(-days);
  if (view !== "year") return recent;
  return recent.filter((_, i) => (recent.length - 1 - i) % 7 === 0);
}

type ScoreChartProps = { history: Point[]; color: string; today: string };

export function ScoreChart({ history, color, today }: ScoreChartProps) {
  const [view, setView] = useState<View>("month");
  const { ref, width: WIDTH } = useElementWidth<HTMLDivElement>();
  const points = pointsForView(history, view);
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left + (points.length <= 1 ? innerW : (i / (points.length - 1)) * innerW);
  const y = (score: number) => PAD.top + (1 - score) * innerH;
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.score).toFixed(1)}`)
    .join(" ");
  const last = points[points.length - 1];
  const first = points[0];

  return (
    <div className="chart" ref={ref}>
      <div className="segmented" role="group" aria-label="Score period">
        {VIEWS.map((v) => (
          <button
            key={v.value}
            type="button"
            aria-pressed={view === v.value}
            onClick={() => setView(v.value)}
          >
            {v.label}
          </button>
        ))}
      </div>
      {points.length === 0 ? (
        <p className="empty-note">The score appears after the first check-in.</p>
      ) : (
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width={WIDTH}
          height={HEIGHT}
          className="chart-svg"
          role="img"
          aria-label={`Score over the last ${view}: from ${Math.round((first?.score ?? 0) * 100)}% to ${Math.round((last?.score ?? 0) * 100)}%`}
        >
          {[0, 0.5, 1].map((tick) => (
            <g key={tick}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
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
          <path d={path} fill="none" stroke={color} strokeWidth={2.5} strokeLinejoin="round" />
          {points.length <= 31
            ? points.map((p, i) => (
                <circle key={p.date} cx={x(i)} cy={y(p.score)} r={3} fill={color} />
              ))
            : null}
          {first ? (
            <text x={PAD.left} y={HEIGHT - 6} className="axis-label">
              {formatShortDate(first.date, today)}
            </text>
          ) : null}
          {last ? (
            <text x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end" className="axis-label">
              {formatShortDate(last.date, today)}
            </text>
          ) : null}
        </svg>
      )}
    </div>
  );
}
