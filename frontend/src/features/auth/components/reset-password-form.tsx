import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { ApiError, errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { newPasswordSchema, useConfirmPasswordReset } from "../api/confirm-password-reset";

export function ResetPasswordForm({
  uid,
  token,
  onSuccess,
}: {
  uid: string;
  token: string;
  onSuccess: () => void;
}) {
  const confirm = useConfirmPasswordReset();
  const { t } = useLingui();
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (!uid || !token || (confirm.error instanceof ApiError && confirm.error.status === 400)) {
    return (
      <div className="stack">
        <Alert>
          {confirm.error ? errorMessage(confirm.error) : t`This link is no longer valid.`}
        </Alert>
        <p>
          <Link to="/forgot-password">
            <Trans>Ask for a new link</Trans>
          </Link>
        </p>
      </div>
    );
  }

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = newPasswordSchema.safeParse({
      new_password: String(data.get("new_password") ?? ""),
      confirm: String(data.get("confirm") ?? ""),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    confirm.mutate({ uid, token, new_password: parsed.data.new_password }, { onSuccess });
  };

  const server = fieldErrorsOf(confirm.error);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {confirm.error && !server.new_password ? <Alert>{errorMessage(confirm.error)}</Alert> : null}
      <Field
        label={t`New password`}
        hint={t`At least 8 characters.`}
        error={errors.new_password ?? server.new_password}
      >
        <input name="new_password" type="password" autoComplete="new-password" />
      </Field>
      <Field label={t`Repeat new password`} error={errors.confirm}>
        <input name="confirm" type="password" autoComplete="new-password" />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={confirm.isPending}>
        {confirm.isPending ? t`Saving…` : t`Set password and log in`}
      </button>
    </form>
  );
}
