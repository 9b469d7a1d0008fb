import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { GroupsManager } from "@/features/groups/components/groups-manager";

export function GroupsRoute() {
  useDocumentTitle("Groups");
  return (
    <div className="stack">
      <div className="page-head row-between">
        <h1>Groups</h1>
        <Link className="btn" to="/habits">
          All habits
        </Link>
      </div>
      <GroupsManager />
    </div>
  );
}
