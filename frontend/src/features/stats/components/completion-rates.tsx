import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { formatNumber, formatPercent } from "@/lib/i18n";
import type { HabitStats } from "@/types/api";

const LABELS: [keyof HabitStats["completion"], MessageDescriptor][] = [
  ["last_7_days", msg`Last 7 days`],
  ["last_30_days", msg`Last 30 days`],
  ["last_365_days", msg`Last year`],
  ["all_time", msg`All time`],
];

export function formatRate(rate: number | null): string {
  return rate === null ? "—" : formatPercent(rate);
}

export function CompletionRates({ stats }: { stats: HabitStats }) {
  const { i18n } = useLingui();
  return (
    <dl className="tiles">
      <div className="tile">
        <dt>
          <Trans>Current streak</Trans>
        </dt>
        <dd>
          <Plural value={stats.current_streak} one="# day" other="# days" />
        </dd>
      </div>
      <div className="tile">
        <dt>
          <Trans>Best streak</Trans>
        </dt>
        <dd>
          <Plural value={stats.best_streak} one="# day" other="# days" />
        </dd>
      </div>
      <div className="tile">
        <dt>
          <Trans>Total done</Trans>
        </dt>
        <dd>{formatNumber(stats.total_done)}</dd>
      </div>
      {LABELS.map(([key, label]) => (
        <div className="tile" key={key}>
          <dt>{i18n._(label)}</dt>
          <dd>{formatRate(stats.completion[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
