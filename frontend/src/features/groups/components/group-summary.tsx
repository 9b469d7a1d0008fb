import { Alert } from "@/components/alert";
import { ScoreRing } from "@/components/score-ring";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
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
  return (
    <section className="card stack" aria-labelledby="group-summary-heading">
      <h2 id="group-summary-heading">How the group is doing</h2>
      {error ? (
        <Alert>{errorMessage(error)}</Alert>
      ) : !stats ? (
        <Skeleton lines={2} label="Loading the group's score" />
      ) : (
        <div className="group-stat-row">
          <ScoreRing score={stats.score} color={group.color} size={72} />
          <div className="group-stat">
            <span className="muted">Score</span>
            <strong>{Math.round(stats.score * 100)}%</strong>
          </div>
          <div className="group-stat">
            <span className="muted">Current streak</span>
            <strong>
              {stats.current_streak} {stats.current_streak === 1 ? "day" : "days"}
            </strong>
          </div>
          <div className="group-stat">
            <span className="muted">Best streak</span>
            <strong>
              {stats.best_streak} {stats.best_streak === 1 ? "day" : "days"}
            </strong>
          </div>
          <div className="group-stat">
            <span className="muted">Today</span>
            <strong>
              {stats.today.due > 0
                ? `${stats.today.done} of ${stats.today.due} done`
                : "Nothing due"}
            </strong>
          </div>
        </div>
      )}
      <p className="muted small">
        The score is the mean of the scores of the group&apos;s active habits; a streak counts days
        on which every due habit of the group was done.
      </p>
    </section>
  );
}
