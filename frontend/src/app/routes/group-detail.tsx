import { Trans, useLingui } from "@lingui/react/macro";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useGroup, useGroupStats } from "@/features/groups/api/get-group";
import { GroupHabits } from "@/features/groups/components/group-habits";
import { GroupSummary } from "@/features/groups/components/group-summary";
import { ScoreChart } from "@/features/stats/components/score-chart";
import { localToday } from "@/utils/dates";

export function GroupDetailRoute() {
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const group = useGroup(id);
  const stats = useGroupStats(id);
  const { t } = useLingui();
  useDocumentTitle(group.data?.name ?? t`Group`);

  if (group.isPending) return <Skeleton lines={8} label={t`Loading group`} />;
  if (group.isError) return <Alert>{errorMessage(group.error)}</Alert>;
  const g = group.data;
  const today = localToday(user.timezone, user.day_start_hour);
  return (
    <div className="stack">
      <div className="page-head row-between">
        <div className="row">
          <span
            className="group-badge large"
            style={{ "--group": g.color } as React.CSSProperties}
            aria-hidden="true"
          >
            {g.icon}
          </span>
          <div>
            <h1>{g.name}</h1>
            <p className="muted">
              <Trans>Group</Trans>
            </p>
          </div>
        </div>
        <Link className="btn" to="/groups">
          <Trans>Edit groups</Trans>
        </Link>
      </div>
      <GroupSummary group={g} stats={stats.data} error={stats.error} />
      <section className="card stack" aria-labelledby="group-score-heading">
        <h2 id="group-score-heading">
          <Trans>Combined score</Trans>
        </h2>
        {stats.data ? (
          <ScoreChart history={stats.data.score_history} color={g.color} today={today} />
        ) : stats.isError ? null : (
          <Skeleton lines={4} label={t`Loading the score chart`} />
        )}
      </section>
      <GroupHabits groupId={g.id} />
    </div>
  );
}
