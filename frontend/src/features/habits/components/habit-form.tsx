import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import type { Group, Habit } from "@/types/api";
import { habitInputSchema, useCreateHabit } from "../api/create-habit";
import { useUpdateHabit } from "../api/update-habit";
import {
  COLORS,
  formValues,
  groupIdFromState,
  initialFormState,
  scheduleFromState,
  type HabitFormState,
} from "./habit-form-state";
import { RemindersFields, useReminderEditor } from "./reminders-fields";
import { ScheduleFields } from "./schedule-fields";

type HabitFormProps = {
  habit?: Habit;
  today: string;
  weekStart: number;
  onSaved: (habit: Habit) => void;
  onCancel: () => void;
  /** The person's groups, for the Group menu; without any, the form offers none. */
  groups?: Group[];
};

export function HabitForm({
  habit,
  today,
  weekStart,
  onSaved,
  onCancel,
  groups = [],
}: HabitFormProps) {
  const { t } = useLingui();
  const [state, setState] = useState<HabitFormState>(() => initialFormState(habit, today));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useCreateHabit();
  const update = useUpdateHabit();
  // A new habit whose reminders failed to save is saved already: the next attempt updates it.
  const [created, setCreated] = useState<Habit | undefined>(undefined);
  const target = habit ?? created;
  const mutation = target ? update : create;
  const reminders = useReminderEditor(habit?.id);
  const [savingReminders, setSavingReminders] = useState(false);
  const set = (patch: Partial<HabitFormState>) => setState((s) => ({ ...s, ...patch }));

  const saveRemindersThen = (saved: Habit) => {
    if (!habit) setCreated(saved);
    setSavingReminders(true);
    void reminders.save(saved.id).then((ok) => {
      setSavingReminders(false);
      if (ok) onSaved(saved);
    });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = habitInputSchema.safeParse({
      ...formValues(state),
      ...(groups.length > 0 ? { group_id: groupIdFromState(state) } : {}),
    });
    const remindersOk = reminders.validate();
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    if (!remindersOk) return;
    if (target) {
      update.mutate({ id: target.id, patch: parsed.data }, { onSuccess: saveRemindersThen });
    } else create.mutate(parsed.data, { onSuccess: saveRemindersThen });
  };

  const allErrors = { ...fieldErrorsOf(mutation.error), ...errors };
  const measurable = state.kind === "measurable";

  return (
    <form className="stack habit-form" onSubmit={submit} noValidate>
      {mutation.error ? <Alert>{errorMessage(mutation.error)}</Alert> : null}
      {Object.keys(errors).length > 0 ||
      Object.keys(reminders.errors).some((key) => key !== "reminders") ? (
        <Alert>{t`Please fix the highlighted fields.`}</Alert>
      ) : null}

      <div className="row">
        <Field label={t`Icon`} hint={t`An emoji works well.`} error={allErrors.icon}>
          <input
            name="icon"
            className="input-icon"
            value={state.icon}
            maxLength={8}
            onChange={(e) => set({ icon: e.target.value })}
          />
        </Field>
        <div className="grow">
          <Field label={t`Name`} error={allErrors.name}>
            <input
              name="name"
              value={state.name}
              maxLength={100}
              required
              onChange={(e) => set({ name: e.target.value })}
            />
          </Field>
        </div>
      </div>

      <Field label={t`Description (optional)`} error={allErrors.description}>
        <textarea
          name="description"
          rows={2}
          value={state.description}
          onChange={(e) => set({ description: e.target.value })}
        />
      </Field>

      <fieldset className="fieldset">
        <legend>{t`Colour`}</legend>
        <div className="color-row">
          {COLORS.map((color) => (
            <label key={color} className="swatch-label">
              <input
                type="radio"
                name="color"
                value={color}
                checked={state.color.toLowerCase() === color}
                onChange={() => set({ color })}
                aria-label={t`Colour ${color}`}
              />
              <span className="swatch" style={{ background: color }} aria-hidden="true" />
            </label>
          ))}
          <label className="custom-color">
            <span>{t`Custom`}</span>
            <input
              type="color"
              value={state.color}
              onChange={(e) => set({ color: e.target.value })}
            />
          </label>
        </div>
        {allErrors.color ? <small className="field-error">{allErrors.color}</small> : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>{t`Kind`}</legend>
        <div className="row">
          <label className="radio">
            <input
              type="radio"
              name="kind"
              value="boolean"
              checked={state.kind === "boolean"}
              onChange={() => set({ kind: "boolean" })}
            />
            <Trans>Yes or no</Trans>
          </label>
          <label className="radio">
            <input
              type="radio"
              name="kind"
              value="measurable"
              checked={measurable}
              onChange={() => set({ kind: "measurable" })}
            />
            <Trans>Measurable (a number)</Trans>
          </label>
        </div>
        {measurable ? (
          <div className="row">
            <Field label={t`Target type`} error={allErrors.target_type}>
              <select
                name="target_type"
                value={state.target_type}
                onChange={(e) =>
                  set({ target_type: e.target.value as HabitFormState["target_type"] })
                }
              >
                <option value="at_least">{t`At least`}</option>
                <option value="at_most">{t`At most`}</option>
              </select>
            </Field>
            <Field label={t`Target`} error={allErrors.target}>
              <input
                name="target"
                type="number"
                min={0}
                step="any"
                value={state.target}
                onChange={(e) => set({ target: e.target.value })}
              />
            </Field>
            <Field label={t`Unit`} error={allErrors.unit}>
              <input
                name="unit"
                value={state.unit}
                placeholder={t`km, pages, glasses…`}
                onChange={(e) => set({ unit: e.target.value })}
              />
            </Field>
            <Field
              label={t`Step for + and −`}
              hint={t`How much one press adds on Today, such as 250 for ml.`}
              error={allErrors.step}
            >
              <input
                name="step"
                type="number"
                min={0}
                step="any"
                value={state.step}
                onChange={(e) => set({ step: e.target.value })}
              />
            </Field>
          </div>
        ) : null}
      </fieldset>

      <ScheduleFields
        value={state.schedule}
        onChange={(schedule) => set({ schedule })}
        weekStart={weekStart}
        errors={allErrors}
      />

      <div className="row">
        <Field label={t`Start date`} error={allErrors.start_date}>
          <input
            name="start_date"
            type="date"
            value={state.start_date}
            onChange={(e) => set({ start_date: e.target.value })}
          />
        </Field>
      </div>

      {groups.length > 0 ? (
        <div className="row">
          <Field label={t`Group`} error={allErrors.group_id}>
            <select value={state.group} onChange={(e) => set({ group: e.target.value })}>
              <option value="">{t`No group`}</option>
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      ) : null}

      <RemindersFields
        editor={reminders}
        schedule={scheduleFromState(state.schedule)}
        weekStart={weekStart}
      />

      <div className="row actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={mutation.isPending || savingReminders || reminders.loading}
        >
          {mutation.isPending || savingReminders
            ? t`Saving…`
            : habit
              ? t`Save changes`
              : t`Create habit`}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onCancel}>
          <Trans>Cancel</Trans>
        </button>
      </div>
    </form>
  );
}
