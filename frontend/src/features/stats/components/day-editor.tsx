import { useRef, useState, type FormEvent } from "react";
import { focusHeading } from "@/lib/focus";
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
  const beforeStart = date < habit.start_date;
  const measurable = habit.kind === "measurable";
  const typed = value.trim() === "" ? null : Number(value);
  const limit = dayLimit(
    habit,
    { date, status, value: typed !== null && Number.isFinite(typed) ? typed : null, note },
    { beforeStart: beforeStart && typed === null },
  );

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
          <label className="field">
            <span>Value ({habit.unit})</span>
            <input
              type="number"
              min={0}
              step="any"
              value={value}
              placeholder="0"
              onChange={(e) => setValue(e.target.value)}
            />
          </label>
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
