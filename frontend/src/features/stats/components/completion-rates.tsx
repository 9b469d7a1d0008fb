import type { HabitStats } from "@/types/api";

const LABELS: [keyof HabitStats["completion"], string][] = [
  ["last_7_days", "Last 7 days"],
  ["last_30_days", "Last 30 days"],
  ["last_365_days", "Last year"],
  ["all_time", "All time"],
];

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}

export function CompletionRates({ stats }: { stats: HabitStats }) {
  return (
    <dl className="tiles">
      <div className="tile">
        <dt>Current streak</dt>
        <dd>{stats.current_streak}</dd>
      </div>
      <div className="tile">
        <dt>Best streak</dt>
        <dd>{stats.best_streak}</dd>
      </div>
      <div className="tile">
        <dt>Total done</dt>
        <dd>{stats.total_done}</dd>
      </div>
      {LABELS.map(([key, label]) => (
        <div className="tile" key={key}>
          <dt>{label}</dt>
          <dd>{formatRate(stats.completion[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
