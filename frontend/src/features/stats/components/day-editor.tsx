import { useState, type FormEvent } from "react";
import type { Entry, EntryInput, EntryStatus, Habit } from "@/types/api";
import { formatLongDate } from "@/utils/dates";

type DayEditorProps = {
  habit: Habit;
  date: string;
  entry: Entry | undefined;
  onSave: (input: EntryInput | null) => void;
  onClose: () => void;
};

/** Edit one day in full: status or value, and its note. */
export function DayEditor({ habit, date, entry, onSave, onClose }: DayEditorProps) {
  const [status, setStatus] = useState<EntryStatus>(entry?.status ?? null);
  const [value, setValue] = useState(entry?.value != null ? String(entry.value) : "");
  const [note, setNote] = useState(entry?.note ?? "");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: EntryInput = { note, status };
    if (habit.kind === "measurable") input.value = value.trim() === "" ? null : Number(value);
    onSave(input);
  };

  return (
    <form
      className="card day-editor stack-sm"
      onSubmit={submit}
      aria-label={`Edit ${formatLongDate(date)}`}
    >
      <h3>{formatLongDate(date)}</h3>
      <div className="row">
        {habit.kind === "measurable" ? (
          <label className="field">
            <span>Value ({habit.unit})</span>
            <input
              type="number"
              min={0}
              step="any"
              value={value}
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
            <option value="">{habit.kind === "measurable" ? "From value" : "Not done"}</option>
            {habit.kind === "boolean" ? <option value="done">Done</option> : null}
            <option value="skipped">Skipped</option>
          </select>
        </label>
      </div>
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
          <button type="button" className="btn btn-small btn-ghost" onClick={() => onSave(null)}>
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
