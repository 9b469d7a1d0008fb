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
  const remove = useDeleteGroup();
  const toast = useToast();
  return (
    <Dialog
      open={group !== null}
      title={`Delete the group “${group?.name ?? ""}”?`}
      onClose={onClose}
    >
      <p>Its habits and their history stay; they move to “Ungrouped”.</p>
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      <div className="row actions">
        <button type="button" className="btn" data-dialog-close data-autofocus onClick={onClose}>
          Cancel
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
                  `The group “${group.name}” was deleted; its habits are ungrouped.`,
                  "success",
                );
                onClose();
                onDeleted?.();
              },
            })
          }
        >
          {remove.isPending ? "Deleting…" : "Delete group"}
        </button>
      </div>
    </Dialog>
  );
}
