import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { changePasswordSchema, useChangePassword } from "../api/change-password";

export function PasswordForm() {
  const change = useChangePassword();
  const { t } = useLingui();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = changePasswordSchema.safeParse({
      current_password: String(data.get("current_password") ?? ""),
      new_password: String(data.get("new_password") ?? ""),
      confirm: String(data.get("confirm") ?? ""),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    change.mutate(parsed.data, { onSuccess: () => form.reset() });
  };

  const server = fieldErrorsOf(change.error);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {change.error ? <Alert>{errorMessage(change.error)}</Alert> : null}
      {change.isSuccess ? (
        <Alert kind="success">
          <Trans>Password changed.</Trans>
        </Alert>
      ) : null}
      <Field label={t`Current password`} error={errors.current_password ?? server.current_password}>
        <input name="current_password" type="password" autoComplete="current-password" />
      </Field>
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
      <div>
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? t`Changing…` : t`Change password`}
        </button>
      </div>
    </form>
  );
}
