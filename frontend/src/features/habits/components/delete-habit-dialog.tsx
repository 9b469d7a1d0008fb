import { Trans, useLingui } from "@lingui/react/macro";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { errorMessage } from "@/lib/api-client";
import { useToast } from "@/lib/toast";
import type { Habit } from "@/types/api";
import { useDeleteHabit } from "../api/delete-habit";

type DeleteHabitDialogProps = {
  habit: Habit | null;
  onClose: () => void;
  onDeleted?: () => void;
};

export function DeleteHabitDialog({ habit, onClose, onDeleted }: DeleteHabitDialogProps) {
  const { t } = useLingui();
  const remove = useDeleteHabit();
  const name = habit?.name ?? "";
  const toast = useToast();
  return (
    <Dialog open={habit !== null} title={t`Delete “${name}”?`} onClose={onClose}>
      <p>
        <Trans>
          This removes the habit and its whole history for good. To keep the history, archive it
          instead.
        </Trans>
      </p>
      {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      <div className="row actions">
        {/* Focus starts on Cancel: Enter pressed twice must not delete a habit. */}
        <button type="button" className="btn" data-dialog-close data-autofocus onClick={onClose}>
          <Trans>Cancel</Trans>
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={remove.isPending}
          onClick={() =>
            habit &&
            remove.mutate(habit.id, {
              onSuccess: () => {
                toast.show(t`“${name}” and its history were deleted.`, "success");
                onClose();
                onDeleted?.();
              },
            })
          }
        >
          {remove.isPending ? t`Deleting…` : t`Delete habit`}
        </button>
      </div>
    </Dialog>
  );
}
