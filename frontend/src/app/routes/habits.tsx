import { Trans, useLingui } from "@lingui/react/macro";
import { Link, useSearchParams } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useGroups } from "@/features/groups/api/get-groups";
import { HabitList } from "@/features/habits/components/habit-list";

export function HabitsRoute() {
  const [params, setParams] = useSearchParams();
  const archived = params.get("archived") === "true";
  const groups = useGroups();
  const groupNames = new Map((groups.data ?? []).map((g) => [g.id, g.name]));
  const { t } = useLingui();
  useDocumentTitle(archived ? t`Archived habits` : t`Habits`);
  return (
    <div className="stack">
      <div className="page-head row-between">
        <h1>
          <Trans>Habits</Trans>
        </h1>
        <div className="row">
          <Link className="btn" to="/groups">
            <Trans>Groups</Trans>
          </Link>
          <Link className="btn btn-primary" to="/habits/new">
            <Trans>New habit</Trans>
          </Link>
        </div>
      </div>
      <div className="segmented" role="group" aria-label={t`Which habits`}>
        <button type="button" aria-pressed={!archived} onClick={() => setParams({})}>
          <Trans>Active</Trans>
        </button>
        <button
          type="button"
          aria-pressed={archived}
          onClick={() => setParams({ archived: "true" })}
        >
          <Trans>Archived</Trans>
        </button>
      </div>
      {!archived ? (
        <p className="muted small">
          <Trans>Drag habits, or use the arrow buttons, to change their order.</Trans>
        </p>
      ) : null}
      <HabitList archived={archived} groupNames={groupNames} />
    </div>
  );
}
