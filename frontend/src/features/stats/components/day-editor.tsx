import { useId, useRef, useState, type FormEvent } from "react";
import { focusHeading } from "@/lib/focus";
import { habitStep } from "@/lib/habit-step";
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
  const stepText = String(Math.round(step * 1000) / 1000);
  const unit = habit.unit ? ` ${habit.unit}` : "";
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
      aria-label={`Edit ${formatLongDate(date, today)}`}
    >
      <h3 ref={headingRef}>{formatLongDate(date, today)}</h3>
      {beforeStart ? (
        <p className="muted small">
          Before the habit’s start on {formatShortDate(habit.start_date, today)}: saving this day
          moves the start back to it.
        </p>
      ) : null}
      <div className="row">
        {measurable ? (
          <div className="field">
            <label htmlFor={valueId}>Value ({habit.unit})</label>
            <div className="row">
              <button
                type="button"
                className="step-btn"
                aria-label={`Take ${stepText}${unit} off this day`}
                disabled={current <= 0}
                onClick={() => stepBy(-1)}
              >
                −{stepText}
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
                aria-label={`Add ${stepText}${unit} to this day`}
                onClick={() => stepBy(1)}
              >
                +{stepText}
              </button>
            </div>
          </div>
        ) : null}
        <label className="field">
          <span>Status</span>
          <select
            value={status ?? ""}
            onChange={(e) => setStatus((e.target.value || null) as EntryStatus)}
          >
            <option value="">{measurable ? "From value" : "Not done"}</option>
            {habit.kind === "boolean" ? <option value="done">Done</option> : null}
            <option value="skipped">Skipped</option>
          </select>
        </label>
      </div>
      {limit ? (
        <p className={limit === "over" ? "limit-over" : "limit-within"}>
          {limit === "over" ? "Over the limit" : "Within the limit"} of at most {habit.target}{" "}
          {habit.unit}
        </p>
      ) : null}
      <label className="field">
        <span>Note</span>
        <textarea
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="row actions">
        <button type="submit" className="btn btn-primary btn-small">
          Save day
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
            Clear day
          </button>
        ) : null}
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
