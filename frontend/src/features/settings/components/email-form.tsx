import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { changeEmailSchema, useChangeEmail } from "../api/change-email";

export function EmailForm({ email }: { email: string }) {
  const change = useChangeEmail();
  const { t } = useLingui();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = changeEmailSchema.safeParse({
      new_email: String(data.get("new_email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    change.mutate(parsed.data, { onSuccess: () => form.reset() });
  };

  const server = fieldErrorsOf(change.error);
  const fieldError = server.new_email ?? server.password;
  return (
    <form className="stack" onSubmit={submit} noValidate>
      <p className="muted">
        <Trans>
          Now {email}. We send a link to the new address, and tell this one; nothing changes until
          the link is opened.
        </Trans>
      </p>
      {change.error && !fieldError ? <Alert>{errorMessage(change.error)}</Alert> : null}
      {change.isSuccess ? <Alert kind="success">{change.data.detail}</Alert> : null}
      <Field label={t`New email`} error={errors.new_email ?? server.new_email}>
        <input name="new_email" type="email" autoComplete="email" />
      </Field>
      <Field label={t`Password`} error={errors.password ?? server.password}>
        <input name="password" type="password" autoComplete="current-password" />
      </Field>
      <div>
        <button type="submit" className="btn btn-primary" disabled={change.isPending}>
          {change.isPending ? t`Sending…` : t`Change email`}
        </button>
      </div>
    </form>
  );
}
