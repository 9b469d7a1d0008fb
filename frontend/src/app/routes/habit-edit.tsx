import { Trans, useLingui } from "@lingui/react/macro";
import { useParams } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useHabit } from "@/features/habits/api/get-habit";
import { useGroups } from "@/features/groups/api/get-groups";
import { HabitForm } from "@/features/habits/components/habit-form";
import { localToday } from "@/utils/dates";
import { useGoBack } from "../use-go-back";

export function HabitEditRoute() {
  const id = Number(useParams().id);
  const user = useCurrentUser();
  const groups = useGroups();
  const habit = useHabit(id);
  // Saving and cancelling both return where the person came from: the habit, or the list.
  const goBack = useGoBack(`/habits/${id}`);
  const { t } = useLingui();
  const name = habit.data?.name;
  useDocumentTitle(name ? t`Edit ${name}` : t`Edit habit`);
  return (
    <div className="stack narrow">
      <h1>
        <Trans>Edit habit</Trans>
      </h1>
      {habit.isPending ? (
        <Skeleton lines={6} label={t`Loading habit`} />
      ) : habit.isError ? (
        <Alert>{errorMessage(habit.error)}</Alert>
      ) : (
        <div className="card">
          <HabitForm
            habit={habit.data}
            today={localToday(user.timezone, user.day_start_hour)}
            weekStart={user.week_start}
            onSaved={goBack}
            onCancel={goBack}
            groups={groups.data}
          />
        </div>
      )}
    </div>
  );
}
