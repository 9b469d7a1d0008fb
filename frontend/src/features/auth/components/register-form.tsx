import { useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { TimezoneSelect } from "@/components/timezone-select";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { browserTimezone } from "@/utils/dates";
import { localePreferences, registerInputSchema, useRegister } from "../api/register";
import { currentPageHeading, focusNextPageHeading } from "./focus-next-page";

export function RegisterForm({ onSuccess }: { onSuccess: () => void }) {
  const registerUser = useRegister();
  const { t } = useLingui();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [timezone, setTimezone] = useState(browserTimezone);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = registerInputSchema.safeParse({
      email: String(data.get("email") ?? "").trim(),
      password: String(data.get("password") ?? ""),
      timezone,
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    // Taken now: by the time the server answers, the next page may already be drawn.
    const heading = currentPageHeading();
    // The language on screen and its first day of the week, both changeable later in Settings.
    registerUser.mutate(
      { ...parsed.data, ...localePreferences() },
      {
        onSuccess: () => {
          onSuccess();
          focusNextPageHeading(heading);
        },
      },
    );
  };

  const serverErrors = fieldErrorsOf(registerUser.error);
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {registerUser.error ? <Alert>{errorMessage(registerUser.error)}</Alert> : null}
      <Field label={t`Email`} error={errors.email ?? serverErrors.email}>
        <input name="email" type="email" autoComplete="email" required />
      </Field>
      <Field
        label={t`Password`}
        hint={t`At least 8 characters.`}
        error={errors.password ?? serverErrors.password}
      >
        <input name="password" type="password" autoComplete="new-password" required minLength={8} />
      </Field>
      <Field
        label={t`Timezone`}
        hint={t`Your days start and end in this timezone.`}
        error={errors.timezone ?? serverErrors.timezone}
      >
        <TimezoneSelect value={timezone} onChange={setTimezone} />
      </Field>
      <button type="submit" className="btn btn-primary" disabled={registerUser.isPending}>
        {registerUser.isPending ? t`Creating account…` : t`Create account`}
      </button>
    </form>
  );
}
