import { msg } from "@lingui/core/macro";
import type { MessageDescriptor } from "@lingui/core";
import { useLingui } from "@lingui/react/macro";
import { Field } from "@/components/field";
import type { ScheduleType, Weekday } from "@/types/api";
import { orderedWeekdays, weekdayLong, weekdayShort } from "@/utils/dates";

export const WEEKDAY_KEYS: Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

export const SCHEDULE_LABELS: Record<ScheduleType, MessageDescriptor> = {
  daily: msg`Every day`,
  weekdays: msg`On certain days of the week`,
  times_per_week: msg`A number of times per week`,
  times_per_month: msg`A number of times per month`,
  every_n_days: msg`Every few days`,
  times_in_days: msg`A number of times in a number of days`,
};

export type ScheduleState = {
  type: ScheduleType;
  days: Weekday[];
  times: string;
  n: string;
  inDays: string;
};

type ScheduleFieldsProps = {
  value: ScheduleState;
  onChange: (value: ScheduleState) => void;
  weekStart: number;
  errors: Record<string, string>;
};

export function ScheduleFields({ value, onChange, weekStart, errors }: ScheduleFieldsProps) {
  const { t, i18n } = useLingui();
  const set = (patch: Partial<ScheduleState>) => onChange({ ...value, ...patch });
  const toggleDay = (day: Weekday) =>
    set({
      days: value.days.includes(day) ? value.days.filter((d) => d !== day) : [...value.days, day],
    });

  return (
    <fieldset className="fieldset">
      <legend>{t`Schedule`}</legend>
      <Field label={t`How often`} error={value.type === "daily" ? errors.schedule : undefined}>
        <select
          name="schedule_type"
          value={value.type}
          onChange={(event) => set({ type: event.target.value as ScheduleType })}
        >
          {Object.entries(SCHEDULE_LABELS).map(([type, label]) => (
            <option key={type} value={type}>
              {i18n._(label)}
            </option>
          ))}
        </select>
      </Field>

      {value.type === "weekdays" ? (
        <fieldset className="weekday-picker">
          <legend>{t`Days`}</legend>
          {orderedWeekdays(weekStart).map((index) => {
            const key = WEEKDAY_KEYS[index]!;
            return (
              <label key={key} className="chip-check">
                <input
                  type="checkbox"
                  checked={value.days.includes(key)}
                  onChange={() => toggleDay(key)}
                  aria-label={weekdayLong(index)}
                />
                <span aria-hidden="true">{weekdayShort(index)}</span>
              </label>
            );
          })}
          {errors.schedule ? <small className="field-error">{errors.schedule}</small> : null}
        </fieldset>
      ) : null}

      {value.type === "times_per_week" || value.type === "times_per_month" ? (
        <Field
          label={value.type === "times_per_week" ? t`Times per week` : t`Times per month`}
          error={errors.schedule}
        >
          <input
            name="times"
            type="number"
            min={1}
            max={value.type === "times_per_week" ? 7 : 31}
            value={value.times}
            onChange={(event) => set({ times: event.target.value })}
          />
        </Field>
      ) : null}

      {value.type === "every_n_days" ? (
        <Field label={t`Every how many days`} error={errors.schedule}>
          <input
            name="n"
            type="number"
            min={1}
            value={value.n}
            onChange={(event) => set({ n: event.target.value })}
          />
        </Field>
      ) : null}

      {value.type === "times_in_days" ? (
        <div className="row">
          <Field label={t`Times`} error={errors.schedule}>
            <input
              name="times"
              type="number"
              min={1}
              value={value.times}
              onChange={(event) => set({ times: event.target.value })}
            />
          </Field>
          <Field label={t`In how many days`}>
            <input
              name="in_days"
              type="number"
              min={1}
              value={value.inDays}
              onChange={(event) => set({ inDays: event.target.value })}
            />
          </Field>
        </div>
      ) : null}
    </fieldset>
  );
}
