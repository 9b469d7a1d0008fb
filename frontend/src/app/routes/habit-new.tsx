import { Trans, useLingui } from "@lingui/react/macro";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useGroups } from "@/features/groups/api/get-groups";
import { HabitForm } from "@/features/habits/components/habit-form";
import { localToday } from "@/utils/dates";
import { useGoBack } from "../use-go-back";

export function HabitNewRoute() {
  const user = useCurrentUser();
  const groups = useGroups();
  const goBack = useGoBack("/habits");
  const { t } = useLingui();
  useDocumentTitle(t`New habit`);
  return (
    <div className="stack narrow">
      <h1>
        <Trans>New habit</Trans>
      </h1>
      <div className="card">
        <HabitForm
          today={localToday(user.timezone, user.day_start_hour)}
          weekStart={user.week_start}
          onSaved={goBack}
          onCancel={goBack}
          groups={groups.data}
        />
      </div>
    </div>
  );
}
