import type { MessageDescriptor } from "@lingui/core";
import { msg, t as translate } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "@/components/alert";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { formatList } from "@/lib/i18n";
import { queryKeys } from "@/lib/query-keys";
import type { ReminderChannel, Schedule, Weekday } from "@/types/api";
import { orderedWeekdays, weekdayLong, weekdayShort } from "@/utils/dates";
import { getReminders, ReminderSaveError, saveReminders, useReminders } from "../api/reminders";
import {
  ALL_WEEKDAYS,
  draftFromReminder,
  habitDueDays,
  MAX_REMINDERS,
  newDraft,
  reminderErrorKey,
  reminderWrites,
  validateReminders,
  type ReminderDraft,
} from "./reminders-state";

const CHANNEL_LABELS: Record<ReminderChannel, MessageDescriptor> = {
  push: msg`Notification`,
  email: msg`E-mail`,
};

export type ReminderEditor = {
  drafts: ReminderDraft[];
  setDrafts: (drafts: ReminderDraft[]) => void;
  loading: boolean;
  loadError: unknown;
  errors: Record<string, string>;
  /** Checks the drafts; false (with errors shown) when one cannot be saved. */
  validate: () => boolean;
  /** Writes the drafts for the saved habit; false (with the server's errors shown) on failure. */
  save: (habitId: number) => Promise<boolean>;
};

/** The reminders of the habit being edited (none for a new one), and how to save them. */
export function useReminderEditor(habitId: number | undefined): ReminderEditor {
  const saved = useReminders(habitId);
  const queryClient = useQueryClient();
  // null until the person changes something: until then the drafts are the saved list.
  const [edited, setDrafts] = useState<ReminderDraft[] | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const drafts =
    edited ?? (habitId === undefined ? [] : (saved.data?.map(draftFromReminder) ?? null));

  const current = drafts ?? [];
  return {
    drafts: current,
    setDrafts,
    loading: habitId !== undefined && drafts === null && saved.isPending,
    loadError: saved.error,
    errors,
    validate: () => {
      const found = validateReminders(current);
      setErrors(found);
      return Object.keys(found).length === 0;
    },
    save: async (id) => {
      const created = new Map<string, number>();
      // Untouched, there is nothing to write (and nothing to read, if the list failed to load).
      if (edited === null) return true;
      try {
        // The baseline is read fresh: after a failed attempt, or for a habit just created,
        // the cached list is not what the server holds.
        const baseline = await getReminders(id);
        await saveReminders(id, reminderWrites(baseline, current), (key, reminder) =>
          created.set(key, reminder.id),
        );
        setErrors({});
        return true;
      } catch (error) {
        const failed = error instanceof ReminderSaveError ? error : null;
        const draft = current.find((d) => d.key === failed?.key);
        const next: Record<string, string> = { reminders: errorMessage(error) };
        if (draft) {
          for (const [field, message] of Object.entries(fieldErrorsOf(failed?.error))) {
            next[reminderErrorKey(draft, field)] = message;
          }
        }
        setErrors(next);
        // What was written is the starting point of the next attempt: new reminders keep the
        // ids they got, and the saved list is read again.
        setDrafts(current.map((d) => (created.has(d.key) ? { ...d, id: created.get(d.key) } : d)));
        return false;
      } finally {
        await queryClient.invalidateQueries({ queryKey: queryKeys.reminders(id) });
      }
    },
  };
}

/** When a reminder that follows the schedule fires now, as a whole sentence. */
function describeFollowing(days: Weekday[], weekStart: number): string {
  if (days.length === 7) return translate`Now every day; follows the schedule when it changes.`;
  const list = formatList(
    orderedWeekdays(weekStart)
      .filter((index) => days.includes(ALL_WEEKDAYS[index]!))
      .map((index) => weekdayShort(index)),
  );
  return translate`Now on ${list}; follows the schedule when it changes.`;
}

type RemindersFieldsProps = {
  editor: ReminderEditor;
  schedule: Schedule;
  weekStart: number;
};

export function RemindersFields({ editor, schedule, weekStart }: RemindersFieldsProps) {
  const { t, i18n } = useLingui();
  const { drafts, setDrafts, errors } = editor;
  const dueDays = habitDueDays(schedule);
  const perPeriod = schedule.type !== "daily" && schedule.type !== "weekdays";
  const update = (key: string, patch: Partial<ReminderDraft>) =>
    setDrafts(drafts.map((draft) => (draft.key === key ? { ...draft, ...patch } : draft)));
  const toggle = <T,>(list: T[], value: T): T[] =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  return (
    <fieldset className="fieldset reminders-fields">
      <legend>{t`Reminders`}</legend>
      {editor.loading ? <p className="muted">{t`Loading reminders…`}</p> : null}
      {editor.loadError ? <Alert>{errorMessage(editor.loadError)}</Alert> : null}
      {errors.reminders ? <Alert>{errors.reminders}</Alert> : null}
      {!editor.loading && drafts.length === 0 ? (
        <p className="muted small">
          {t`No reminders. Add one to get a notification or an e-mail.`}
        </p>
      ) : null}
      {drafts.map((draft, index) => {
        const error = (field: string) => errors[reminderErrorKey(draft, field)];
        const number = index + 1;
        const time = draft.time;
        return (
          <fieldset key={draft.key} className="fieldset reminder-item">
            <legend>{t`Reminder ${number}`}</legend>
            <div className="row">
              <Field label={t`Time`} error={error("time")}>
                <input
                  type="time"
                  name={`reminder-${index}-time`}
                  value={draft.time}
                  required
                  onChange={(e) => update(draft.key, { time: e.target.value })}
                />
              </Field>
            </div>
            <label className="radio">
              <input
                type="checkbox"
                checked={draft.followsSchedule}
                onChange={(e) =>
                  update(draft.key, {
                    followsSchedule: e.target.checked,
                    // Choosing days starts from the habit's own.
                    weekdays: e.target.checked ? draft.weekdays : dueDays,
                  })
                }
              />
              <Trans>On the days the habit is due</Trans>
            </label>
            {draft.followsSchedule ? (
              <p className="small muted">
                {perPeriod
                  ? t`Every day until the habit's target for the period is met.`
                  : describeFollowing(dueDays, weekStart)}
              </p>
            ) : (
              <fieldset className="weekday-picker">
                <legend>{t`Days`}</legend>
                {orderedWeekdays(weekStart).map((dayIndex) => {
                  const day = ALL_WEEKDAYS[dayIndex]!;
                  return (
                    <label key={day} className="chip-check">
                      <input
                        type="checkbox"
                        checked={draft.weekdays.includes(day)}
                        onChange={() =>
                          update(draft.key, { weekdays: toggle(draft.weekdays, day) })
                        }
                        aria-label={weekdayLong(dayIndex)}
                      />
                      <span aria-hidden="true">{weekdayShort(dayIndex)}</span>
                    </label>
                  );
                })}
                {error("weekdays") ? (
                  <small className="field-error">{error("weekdays")}</small>
                ) : null}
              </fieldset>
            )}
            <label className="radio">
              <input
                type="checkbox"
                checked={draft.only_if_not_done}
                onChange={(e) => update(draft.key, { only_if_not_done: e.target.checked })}
              />
              <Trans>Only if not done yet</Trans>
            </label>
            <fieldset className="weekday-picker">
              <legend>{t`Send as`}</legend>
              {(["push", "email"] as const).map((channel) => (
                <label key={channel} className="chip-check">
                  <input
                    type="checkbox"
                    checked={draft.channels.includes(channel)}
                    onChange={() =>
                      update(draft.key, { channels: toggle(draft.channels, channel) })
                    }
                  />
                  {i18n._(CHANNEL_LABELS[channel]!)}
                </label>
              ))}
              {error("channels") ? (
                <small className="field-error">{error("channels")}</small>
              ) : null}
            </fieldset>
            <div>
              <button
                type="button"
                className="btn btn-ghost btn-small"
                aria-label={
                  time
                    ? t`Remove reminder ${number} (${time})`
                    : t`Remove reminder ${number} (no time)`
                }
                onClick={() => setDrafts(drafts.filter((d) => d.key !== draft.key))}
              >
                <Trans>Remove</Trans>
              </button>
            </div>
          </fieldset>
        );
      })}
      {drafts.length < MAX_REMINDERS ? (
        <div>
          <button
            type="button"
            className="btn btn-small"
            disabled={editor.loading}
            onClick={() => setDrafts([...drafts, newDraft(drafts, schedule)])}
          >
            <Trans>Add a reminder</Trans>
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}
