import { Trans, useLingui } from "@lingui/react/macro";
import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { GroupsManager } from "@/features/groups/components/groups-manager";

export function GroupsRoute() {
  const { t } = useLingui();
  useDocumentTitle(t`Groups`);
  return (
    <div className="stack">
      <div className="page-head row-between">
        <h1>
          <Trans>Groups</Trans>
        </h1>
        <Link className="btn" to="/habits">
          <Trans>All habits</Trans>
        </Link>
      </div>
      <GroupsManager />
    </div>
  );
}
