import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { Field } from "@/components/field";
import { errorMessage } from "@/lib/api-client";
import { useDeleteAccount } from "../api/delete-account";

export function DeleteAccount({ onDeleted }: { onDeleted: () => void }) {
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const remove = useDeleteAccount();
  const { t } = useLingui();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    remove.mutate(password, { onSuccess: onDeleted });
  };

  return (
    <div className="stack-sm">
      <p className="muted">
        <Trans>Delete your account and all of its habits and history. This cannot be undone.</Trans>
      </p>
      <div>
        <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
          <Trans>Delete account…</Trans>
        </button>
      </div>
      <Dialog open={open} title={t`Delete your account?`} onClose={() => setOpen(false)}>
        <form className="stack" onSubmit={submit}>
          <p>
            <Trans>Everything will be deleted for good. Consider exporting your data first.</Trans>
          </p>
          {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
          <Field label={t`Confirm with your password`}>
            <input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <div className="row actions">
            <button
              type="submit"
              className="btn btn-danger"
              disabled={!password || remove.isPending}
            >
              {remove.isPending ? t`Deleting…` : t`Delete my account`}
            </button>
            <button
              type="button"
              className="btn btn-ghost"
              data-dialog-close
              onClick={() => setOpen(false)}
            >
              <Trans>Cancel</Trans>
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
