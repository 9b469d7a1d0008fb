import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { Overview } from "@/features/overview/components/overview";
import { localToday } from "@/utils/dates";

export function OverviewRoute() {
  const user = useCurrentUser();
  useDocumentTitle("Overview");
  return (
    <div className="stack">
      <div className="page-head">
        <h1>Overview</h1>
        <p className="muted">Every habit side by side, for a week, a month or a year.</p>
      </div>
      <Overview
        today={localToday(user.timezone, user.day_start_hour)}
        weekStart={user.week_start}
      />
    </div>
  );
}
