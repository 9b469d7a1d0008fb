import { Link, useSearchParams } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useGroups } from "@/features/groups/api/get-groups";
import { HabitList } from "@/features/habits/components/habit-list";

export function HabitsRoute() {
  const [params, setParams] = useSearchParams();
  const archived = params.get("archived") === "true";
  const groups = useGroups();
  const groupNames = new Map((groups.data ?? []).map((g) => [g.id, g.name]));
  useDocumentTitle(archived ? "Archived habits" : "Habits");
  return (
    <div className="stack">
      <div className="page-head row-between">
        <h1>Habits</h1>
        <div className="row">
          <Link className="btn" to="/groups">
            Groups
          </Link>
          <Link className="btn btn-primary" to="/habits/new">
            New habit
          </Link>
        </div>
      </div>
      <div className="segmented" role="group" aria-label="Which habits">
        <button type="button" aria-pressed={!archived} onClick={() => setParams({})}>
          Active
        </button>
        <button
          type="button"
          aria-pressed={archived}
          onClick={() => setParams({ archived: "true" })}
        >
          Archived
        </button>
      </div>
      {!archived ? (
        <p className="muted small">Drag habits, or use the arrow buttons, to change their order.</p>
      ) : null}
      <HabitList archived={archived} groupNames={groupNames} />
    </div>
  );
}
