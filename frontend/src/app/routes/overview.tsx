import { Trans, useLingui } from "@lingui/react/macro";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { Overview } from "@/features/overview/components/overview";
import { localToday } from "@/utils/dates";

export function OverviewRoute() {
  const user = useCurrentUser();
  const { t } = useLingui();
  useDocumentTitle(t`Overview`);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>
          <Trans>Overview</Trans>
        </h1>
        <p className="muted">
          <Trans>Every habit side by side, for a week, a month or a year.</Trans>
        </p>
      </div>
      <Overview
        today={localToday(user.timezone, user.day_start_hour)}
        weekStart={user.week_start}
      />
    </div>
  );
}
