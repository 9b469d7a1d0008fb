import { useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { loginInputSchema, useLogin } from "../api/login";
import { currentPageHeading, focusNextPageHeading } from "./focus-next-page";

export function LoginForm({ onSuccess }: { onSuccess: () => void }) {
  const login = useLogin();
  const { t } = useLingui();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = loginInputSchema.safeParse({
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    // Taken now: by the time the server answers, the next page may already be drawn.
    const heading = currentPageHeading();
    login.mutate(parsed.data, {
      onSuccess: () => {
        onSuccess();
        focusNextPageHeading(heading);
      },
    });
  };

  const serverErrors = fieldErrorsOf(login.error);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {login.error ? <Alert>{errorMessage(login.error)}</Alert> : null}
      <Field label={t`Email`} error={errors.email ?? serverErrors.email}>
        <input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field label={t`Password`} error={errors.password ?? serverErrors.password}>
        <input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={login.isPending}>
        {login.isPending ? t`Logging in…` : t`Log in`}
      </button>
    </form>
  );
}
