import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useRef, useState, type FormEvent } from "react";
import { focusHeading } from "@/lib/focus";
import { habitStep } from "@/lib/habit-step";
import { formatNumber } from "@/lib/i18n";
import type { Entry, EntryInput, EntryStatus, Habit } from "@/types/api";
import { formatLongDate, formatShortDate } from "@/utils/dates";
import { dayLimit } from "@/utils/entries";

type DayEditorProps = {
  id?: string;
  habit: Habit;
  date: string;
  today: string;
  entry: Entry | undefined;
  onSave: (input: EntryInput | null) => void;
  onClose: () => void;
};

/** One day in full: status or value, and its note. Nothing changes until it is saved. */
export function DayEditor({ id, habit, date, today, entry, onSave, onClose }: DayEditorProps) {
  const { t } = useLingui();
  const [status, setStatus] = useState<EntryStatus>(entry?.status ?? null);
  const [value, setValue] = useState(entry?.value != null ? String(entry.value) : "");
  const [note, setNote] = useState(entry?.note ?? "");
  const headingRef = useRef<HTMLHeadingElement>(null);
  const valueId = useId();
  const beforeStart = date < habit.start_date;
  const measurable = habit.kind === "measurable";
  const typed = value.trim() === "" ? null : Number(value);
  const limit = dayLimit(
    habit,
    { date, status, value: typed !== null && Number.isFinite(typed) ? typed : null, note },
    { beforeStart: beforeStart && typed === null },
  );

  // − and + move the value by the habit's step, as on Today; saving stays with "Save day".
  const step = habitStep(habit);
  const stepAmount = formatNumber(step, { maximumFractionDigits: 3 });
  const unit = habit.unit;
  // "250 ml": every language we ship writes the unit after the number.
  const stepText = unit ? `${stepAmount} ${unit}` : stepAmount;
  const longDate = formatLongDate(date, today);
  const start = formatShortDate(habit.start_date, today);
  const limitAmount = formatNumber(habit.target, { maximumFractionDigits: 3 });
  const limitText = unit ? `${limitAmount} ${unit}` : limitAmount;
  const current = typed !== null && Number.isFinite(typed) ? typed : 0;
  const stepBy = (direction: 1 | -1) => {
    // Rounded so that 0.1 + 0.2 shows as 0.3.
    setValue(String(Math.max(0, Math.round((current + direction * step) * 1e6) / 1e6)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: EntryInput = { note, status };
    if (measurable) input.value = typed;
    onSave(input);
  };

  return (
    <form
      id={id}
      className={`card day-editor stack-sm${limit === "over" ? " is-over" : ""}`}
      onSubmit={submit}
      aria-label={t`Edit ${longDate}`}
    >
      <h3 ref={headingRef}>{longDate}</h3>
      {beforeStart ? (
        <p className="muted small">
          <Trans>
            Before the habit’s start on {start}: saving this day moves the start back to it.
          </Trans>
        </p>
      ) : null}
      <div className="row">
        {measurable ? (
          <div className="field">
            <label htmlFor={valueId}>
              {unit ? <Trans>Value ({unit})</Trans> : <Trans>Value</Trans>}
            </label>
            <div className="row">
              <button
                type="button"
                className="step-btn"
                aria-label={t`Take ${stepText} off this day`}
                disabled={current <= 0}
                onClick={() => stepBy(-1)}
              >
                −{stepAmount}
              </button>
              <input
                id={valueId}
                type="number"
                inputMode="decimal"
                min={0}
                step="any"
                value={value}
                placeholder="0"
                onChange={(e) => setValue(e.target.value)}
              />
              <button
                type="button"
                className="step-btn"
                aria-label={t`Add ${stepText} to this day`}
                onClick={() => stepBy(1)}
              >
                +{stepAmount}
              </button>
            </div>
          </div>
        ) : null}
        <label className="field">
          <span>
            <Trans>Status</Trans>
          </span>
          <select
            value={status ?? ""}
            onChange={(e) => setStatus((e.target.value || null) as EntryStatus)}
          >
            <option value="">{measurable ? t`From value` : t`Not done`}</option>
            {habit.kind === "boolean" ? <option value="done">{t`Done`}</option> : null}
            <option value="skipped">{t`Skipped`}</option>
          </select>
        </label>
      </div>
      {limit ? (
        <p className={limit === "over" ? "limit-over" : "limit-within"}>
          {limit === "over" ? (
            <Trans>Over the limit of at most {limitText}</Trans>
          ) : (
            <Trans>Within the limit of at most {limitText}</Trans>
          )}
        </p>
      ) : null}
      <label className="field">
        <span>
          <Trans>Note</Trans>
        </span>
        <textarea
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="row actions">
        <button type="submit" className="btn btn-primary btn-small">
          <Trans>Save day</Trans>
        </button>
        {entry ? (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              // The button disappears with the entry: keep focus in the editor.
              focusHeading(headingRef.current);
              onSave(null);
              setStatus(null);
              setValue("");
              setNote("");
            }}
          >
            <Trans>Clear day</Trans>
          </button>
        ) : null}
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          <Trans>Close</Trans>
        </button>
      </div>
    </form>
  );
}
