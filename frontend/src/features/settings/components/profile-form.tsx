import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { TimezoneSelect } from "@/components/timezone-select";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import type { User } from "@/types/api";
import { weekdayLong } from "@/utils/dates";
import { regionalLocale } from "@/utils/regional-locale";
import { useUpdateProfile } from "../api/update-profile";

/**
 * The hour as the person's language and region write a time of day ("04:00" in German or
 * British English, "4:00 AM" in American English, "4:00 ص" in Arabic).
 */
function hourLabel(hour: number): string {
  const locale = regionalLocale();
  const twelveHour = new Intl.DateTimeFormat(locale, { hour: "numeric" }).resolvedOptions().hour12;
  return new Intl.DateTimeFormat(locale, {
    hour: twelveHour ? "numeric" : "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(2024, 0, 1, hour)));
}

export function ProfileForm({ user }: { user: User }) {
  const update = useUpdateProfile();
  const { t } = useLingui();
  const [timezone, setTimezone] = useState(user.timezone);
  const [dayStart, setDayStart] = useState(user.day_start_hour);
  const [weekStart, setWeekStart] = useState(user.week_start);
  const errors = fieldErrorsOf(update.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ timezone, day_start_hour: dayStart, week_start: weekStart });
  };

  return (
    <form className="stack" onSubmit={submit}>
      {update.error ? <Alert>{errorMessage(update.error)}</Alert> : null}
      {update.isSuccess ? (
        <Alert kind="success">
          <Trans>Preferences saved.</Trans>
        </Alert>
      ) : null}
      <Field label={t`Timezone`} error={errors.timezone}>
        <TimezoneSelect value={timezone} onChange={setTimezone} />
      </Field>
      <Field
        label={t`New day starts at`}
        hint={t`Night owl? Check-ins before this hour count for the day before.`}
        error={errors.day_start_hour}
      >
        <select value={dayStart} onChange={(e) => setDayStart(Number(e.target.value))}>
          {Array.from({ length: 24 }, (_, hour) => (
            <option key={hour} value={hour}>
              {hourLabel(hour)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t`Week starts on`} error={errors.week_start}>
        <select value={weekStart} onChange={(e) => setWeekStart(Number(e.target.value))}>
          {[0, 1, 2, 3, 4, 5, 6].map((index) => (
            <option key={index} value={index}>
              {weekdayLong(index)}
            </option>
          ))}
        </select>
      </Field>
      <div>
        <button type="submit" className="btn btn-primary" disabled={update.isPending}>
          {update.isPending ? t`Saving…` : t`Save preferences`}
        </button>
      </div>
    </form>
  );
}
