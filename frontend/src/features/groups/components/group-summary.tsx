import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { Alert } from "@/components/alert";
import { ScoreRing } from "@/components/score-ring";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { formatPercent } from "@/lib/i18n";
import type { Group, GroupStats } from "@/types/api";
import "./groups.css";

/** A group's page header: its badge, name and how it is doing (score, streaks, today). */
export function GroupSummary({
  group,
  stats,
  error,
}: {
  group: Group;
  stats: GroupStats | undefined;
  error: unknown;
}) {
  const { t } = useLingui();
  return (
    <section className="card stack" aria-labelledby="group-summary-heading">
      <h2 id="group-summary-heading">
        <Trans>How the group is doing</Trans>
      </h2>
      {error ? (
        <Alert>{errorMessage(error)}</Alert>
      ) : !stats ? (
        <Skeleton lines={2} label={t`Loading the group's score`} />
      ) : (
        <div className="group-stat-row">
          <ScoreRing score={stats.score} color={group.color} size={72} />
          <div className="group-stat">
            <span className="muted">
              <Trans>Score</Trans>
            </span>
            <strong>{formatPercent(stats.score)}</strong>
          </div>
          <div className="group-stat">
            <span className="muted">
              <Trans>Current streak</Trans>
            </span>
            <strong>
              <Plural value={stats.current_streak} one="# day" other="# days" />
            </strong>
          </div>
          <div className="group-stat">
            <span className="muted">
              <Trans>Best streak</Trans>
            </span>
            <strong>
              <Plural value={stats.best_streak} one="# day" other="# days" />
            </strong>
          </div>
          <div className="group-stat">
            <span className="muted">
              <Trans>Today</Trans>
            </span>
            <strong>
              {stats.today.due > 0 ? (
                <TodayDone done={stats.today.done} due={stats.today.due} />
              ) : (
                <Trans>Nothing due</Trans>
              )}
            </strong>
          </div>
        </div>
      )}
      <p className="muted small">
        <Trans>
          The score is the mean of the scores of the group&apos;s active habits; a streak counts
          days on which every due habit of the group was done.
        </Trans>
      </p>
    </section>
  );
}

function TodayDone({ done, due }: { done: number; due: number }) {
  return (
    <Trans>
      {done} of {due} done
    </Trans>
  );
}
