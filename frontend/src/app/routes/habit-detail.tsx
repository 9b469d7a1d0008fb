import { Trans, useLingui } from "@lingui/react/macro";
import { Link, useParams } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useHabit } from "@/features/habits/api/get-habit";
import { describeSchedule } from "@/features/habits/components/describe-schedule";
import { ReminderSummary } from "@/features/habits/components/reminder-summary";
import { HabitStatsView } from "@/features/stats/components/habit-stats";
import { localToday } from "@/utils/dates";

export function HabitDetailRoute() {
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const habit = useHabit(id);
  const { t } = useLingui();
  useDocumentTitle(habit.data?.name ?? t`Habit`);

  if (habit.isPending) return <Skeleton lines={8} label={t`Loading habit`} />;
  if (habit.isError) return <Alert>{errorMessage(habit.error)}</Alert>;
  const h = habit.data;
  const schedule = describeSchedule(h);
  return (
    <div className="stack">
      <div className="page-head row-between">
        <div className="row">
          <span className="habit-icon large" style={{ background: h.color }} aria-hidden="true">
            {h.icon || h.name.charAt(0)}
          </span>
          <div>
            <h1>{h.name}</h1>
            <p className="muted">{h.archived ? t`${schedule} · archived` : schedule}</p>
            <ReminderSummary habitId={h.id} weekStart={user.week_start} />
          </div>
        </div>
        <Link className="btn" to={`/habits/${h.id}/edit`}>
          <Trans>Edit</Trans>
        </Link>
      </div>
      {h.description ? <p>{h.description}</p> : null}
      <HabitStatsView
        habit={h}
        today={localToday(user.timezone, user.day_start_hour)}
        weekStart={user.week_start}
      />
    </div>
  );
}
