import { useId, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { ScoreRing } from "@/components/score-ring";
import type { EntryInput, TodayItem as TodayItemData } from "@/types/api";
import { isEntryDone } from "@/utils/entries";
import { progressLabel } from "./progress-label";

type TodayItemProps = {
  item: TodayItemData;
  onChange: (item: TodayItemData, input: EntryInput | null) => void;
  pending?: boolean;
};

export function TodayItem({ item, onChange }: TodayItemProps) {
  const { habit, entry } = item;
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const done = isEntryDone(habit, entry);
  const skipped = entry?.status === "skipped";
  const hasNote = Boolean(entry?.note);
  const measurable = habit.kind === "measurable";

  const toggleDone = () => onChange(item, { status: done ? null : "done" });

  return (
    <li
      className={`today-item${done ? " is-done" : ""}${skipped ? " is-skipped" : ""}`}
      data-testid={`today-item-${habit.id}`}
    >
      <div className="today-main">
        <span className="habit-icon" style={{ background: habit.color }} aria-hidden="true">
          {habit.icon || habit.name.charAt(0)}
        </span>
        <div className="today-text">
          <Link to={`/habits/${habit.id}`} className="habit-name">
            {habit.name}
          </Link>
          <div className="today-meta">
            <span title="Current streak" aria-label={`Current streak ${item.current_streak}`}>
              🔥 {item.current_streak}
            </span>
            <span>
              {progressLabel(
                habit.schedule,
                item.period_progress.done,
                item.period_progress.target,
                measurable ? habit.unit : "",
              )}
            </span>
            {skipped ? <span className="badge">Skipped</span> : null}
            {hasNote ? (
              <span className="badge" title={entry?.note}>
                📝 Note
              </span>
            ) : null}
          </div>
        </div>
        <ScoreRing score={item.score} color={habit.color} size={40} />
        {habit.kind === "boolean" ? (
          <button
            type="button"
            className="check-btn"
            aria-pressed={done}
            aria-label={done ? `Undo ${habit.name}` : `Check in ${habit.name}`}
            onClick={toggleDone}
            style={done ? { background: habit.color, borderColor: habit.color } : undefined}
          >
            <span aria-hidden="true">{done ? "✓" : ""}</span>
          </button>
        ) : (
          <QuickValue item={item} onChange={onChange} />
        )}
        <button
          type="button"
          className="btn-icon"
          aria-expanded={menuOpen}
          aria-controls={menuId}
          aria-label={`More actions for ${habit.name}`}
          onClick={() => setMenuOpen((open) => !open)}
        >
          ⋯
        </button>
      </div>
      {menuOpen ? (
        <EntryMenu id={menuId} item={item} onChange={onChange} onClose={() => setMenuOpen(false)} />
      ) : null}
    </li>
  );
}

function QuickValue({ item, onChange }: Omit<TodayItemProps, "pending">) {
  const { habit, entry } = item;
  const [value, setValue] = useState(entry?.value != null ? String(entry.value) : "");
  const [lastSeen, setLastSeen] = useState(entry?.value);
  // Follow server updates (e.g. after a refetch) unless the user is typing.
  if (entry?.value !== lastSeen) {
    setLastSeen(entry?.value);
    setValue(entry?.value != null ? String(entry.value) : "");
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed === "") {
      onChange(item, { value: null, status: null });
      return;
    }
    const number = Number(trimmed);
    if (!Number.isFinite(number) || number < 0) return;
    onChange(item, { value: number });
  };
  return (
    <form className="quick-value" onSubmit={submit}>
      <label>
        <span className="visually-hidden">
          {habit.name} value{habit.unit ? ` in ${habit.unit}` : ""}
        </span>
        <input
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={value}
          placeholder={String(habit.target)}
          onChange={(event) => setValue(event.target.value)}
        />
      </label>
      <span className="unit" aria-hidden="true">
        / {habit.target} {habit.unit}
      </span>
      <button type="submit" className="btn btn-small" aria-label={`Save ${habit.name} value`}>
        Save
      </button>
    </form>
  );
}

function EntryMenu({
  id,
  item,
  onChange,
  onClose,
}: {
  id: string;
  item: TodayItemData;
  onChange: TodayItemProps["onChange"];
  onClose: () => void;
}) {
  const { habit, entry } = item;
  const [note, setNote] = useState(entry?.note ?? "");
  const skipped = entry?.status === "skipped";
  return (
    <div id={id} className="entry-menu">
      <div className="row">
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            onChange(item, { status: skipped ? null : "skipped", note });
            onClose();
          }}
        >
          {skipped ? "Unskip" : "Skip today"}
        </button>
        {entry ? (
          <button
            type="button"
            className="btn btn-small btn-ghost"
            onClick={() => {
              onChange(item, null);
              onClose();
            }}
          >
            Clear entry
          </button>
        ) : null}
      </div>
      <form
        className="stack-sm"
        onSubmit={(event) => {
          event.preventDefault();
          onChange(item, { note });
          onClose();
        }}
      >
        <label htmlFor={`${id}-note`}>Note for {habit.name}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div>
          <button type="submit" className="btn btn-small btn-primary">
            Save note
          </button>
        </div>
      </form>
    </div>
  );
}
