import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { passwordResetRequestSchema, useRequestPasswordReset } from "../api/request-password-reset";

export function ForgotPasswordForm() {
  const request = useRequestPasswordReset();
  const { t } = useLingui();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = passwordResetRequestSchema.safeParse({
      email: String(data.get("email") ?? "").trim(),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    request.mutate(parsed.data);
  };

  if (request.isSuccess) {
    return (
      <div className="stack">
        <Alert kind="success">{request.data.detail}</Alert>
        <p className="muted">
          <Trans>Nothing arrived after a few minutes? Check your spam folder, or ask again.</Trans>
        </p>
        <div>
          <button type="button" className="btn" onClick={() => request.reset()}>
            <Trans>Ask again</Trans>
          </button>
        </div>
      </div>
    );
  }

  const server = fieldErrorsOf(request.error);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {request.error ? <Alert>{errorMessage(request.error)}</Alert> : null}
      <Field label={t`Email`} error={errors.email ?? server.email}>
        <input name="email" type="email" autoComplete="email" required />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={request.isPending}>
        {request.isPending ? t`Sending…` : t`Send me a link`}
      </button>
    </form>
  );
}
