import { useLingui } from "@lingui/react/macro";
import { formatNumber, formatPercent } from "@/lib/i18n";

type ScoreRingProps = {
  /** Habit strength between 0 and 1. */
  score: number;
  color?: string;
  size?: number;
};

export function ScoreRing({ score, color = "var(--accent)", size = 40 }: ScoreRingProps) {
  const { t } = useLingui();
  const clamped = Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0));
  const percent = Math.round(clamped * 100);
  const share = formatPercent(percent / 100);
  const stroke = size / 8;
  const radius = (size - stroke) / 2;
  const circumference = 2 * Math.PI * radius;
  return (
    <svg
      className="score-ring"
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={t`Score ${share}`}
    >
      <circle
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        stroke="var(--ring-track)"
        strokeWidth={stroke}
      />
      <circle
        cx={size / 2}
        cy={size / 2}
        r={radius}
        fill="none"
        stroke={color}
        strokeWidth={stroke}
        strokeLinecap="round"
        strokeDasharray={`${clamped * circumference} ${circumference}`}
        transform={`rotate(-90 ${size / 2} ${size / 2})`}
      />
      <text
        x="50%"
        y="50%"
        dominantBaseline="central"
        textAnchor="middle"
        fontSize={size / 3.6}
        fill="currentColor"
      >
        {formatNumber(percent)}
      </text>
    </svg>
  );
}
