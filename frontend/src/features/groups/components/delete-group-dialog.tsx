import { Trans, useLingui } from "@lingui/react/macro";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { errorMessage } from "@/lib/api-client";
import { useToast } from "@/lib/toast";
import type { Group } from "@/types/api";
import { useDeleteGroup } from "../api/delete-group";

export function DeleteGroupDialog({
  group,
  onClose,
  onDeleted,
}: {
  group: Group | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const { t } = useLingui();
  const remove = useDeleteGroup();
  const name = group?.name ?? "";
  const toast = useToast();
  return (
    <Dialog open={group !== null} title={t`Delete the group “${name}”?`} onClose={onClose}>
      <p>
        <Trans>Its habits and their history stay; they move to “Ungrouped”.</Trans>
      </p>
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      <div className="row actions">
        <button type="button" className="btn" data-dialog-close data-autofocus onClick={onClose}>
          <Trans>Cancel</Trans>
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={remove.isPending}
          onClick={() =>
            group &&
            remove.mutate(group.id, {
              onSuccess: () => {
                toast.show(
                  t`The group “${name}” was deleted; its habits are ungrouped.`,
                  "success",
                );
                onClose();
                onDeleted?.();
              },
            })
          }
        >
          {remove.isPending ? t`Deleting…` : t`Delete group`}
        </button>
      </div>
    </Dialog>
  );
}
