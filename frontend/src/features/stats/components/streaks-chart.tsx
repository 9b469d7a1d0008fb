import { Plural, useLingui } from "@lingui/react/macro";
import type { Streak } from "@/types/api";
import { formatShortDate } from "@/utils/dates";

export function longestStreaks(streaks: Streak[], count = 10): Streak[] {
  return [...streaks]
    .sort((a, b) => b.length - a.length || b.end.localeCompare(a.end))
    .slice(0, count);
}

type StreaksChartProps = { streaks: Streak[]; color: string; today: string };

export function StreaksChart({ streaks, color, today }: StreaksChartProps) {
  // "25 Nov – 3 Dec", "20 Dec 2024 – 2 Jan": a year only when it is not this one.
  const { t } = useLingui();
  const short = (iso: string) => formatShortDate(iso, today);
  const top = longestStreaks(streaks);
  if (top.length === 0) {
    return <p className="empty-note">{t`No streaks yet: check in to start one.`}</p>;
  }
  const max = Math.max(...top.map((s) => s.length));
  return (
    <ol className="bar-list" aria-label={t`Longest streaks`}>
      {top.map((streak) => (
        <li key={`${streak.start}-${streak.end}`} className="bar-row">
          <span className="bar-label small">
            <DateRange from={short(streak.start)} to={short(streak.end)} />
          </span>
          <span className="bar-track">
            <span
              className="bar-fill"
              style={{ width: `${(streak.length / max) * 100}%`, background: color }}
            />
          </span>
          <span className="bar-value">
            <Plural value={streak.length} one="# day" other="# days" />
          </span>
        </li>
      ))}
    </ol>
  );
}

/** "25 Nov – 3 Dec" in the language's order (a range reads right to left in Arabic). */
function DateRange({ from, to }: { from: string; to: string }) {
  const { t } = useLingui();
  return <>{t`${from} – ${to}`}</>;
}
