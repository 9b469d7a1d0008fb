import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { activeLocale, directionOf } from "@/lib/i18n";
import type { EntryInput, Habit, TodayDay } from "@/types/api";
import { formatDate } from "@/utils/dates";
import { cellDate, cellLabel, cellMark, nextCellInput } from "./day-cells";
import "./week-grid.css";

type WeekCellsProps = {
  habit: Habit;
  days: TodayDay[];
  /** Save one day: the input, or null to clear it. */
  onDay: (day: TodayDay, input: EntryInput | null) => void;
};

/**
 * One habit's last seven days as buttons, today (the day shown) last; on a phone the two oldest
 * are hidden by CSS. One tab stop per row: Left, Right, Home and End move between the days (in
 * reading order: right to left under dir=rtl, where the row flips), Up and Down to the same day
 * of the habit above or below.
 * A yes/no day cycles done → skipped → empty; a measurable day opens a value field.
 */
export function WeekCells({ habit, days, onDay }: WeekCellsProps) {
  const { t } = useLingui();
  const name = habit.name;
  const [active, setActive] = useState(days.length - 1);
  const [editing, setEditing] = useState<TodayDay | null>(null);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const editorId = useId();

  const focusCell = (index: number) => {
    // Cells hidden on a phone are skipped: they take no space and no focus.
    const visible = refs.current
      .map((el, i) => ({ el, i }))
      .filter(({ el }) => el && el.offsetParent !== null);
    const candidates = visible.length > 0 ? visible : refs.current.map((el, i) => ({ el, i }));
    const clamp = Math.max(
      candidates[0]?.i ?? 0,
      Math.min(index, candidates[candidates.length - 1]?.i ?? 0),
    );
    setActive(clamp);
    refs.current[clamp]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    // The row runs right to left in Arabic: the arrow keys follow what the eye sees.
    const back = directionOf(activeLocale()) === "rtl" ? 1 : -1;
    const moves: Record<string, number> = {
      ArrowLeft: index + back,
      ArrowRight: index - back,
      Home: 0,
      End: days.length - 1,
    };
    if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      // The same day in the row above or below: the grid reads like a table.
      const rows = Array.from(document.querySelectorAll<HTMLElement>(".week-cells"));
      const here = rows.indexOf(event.currentTarget.parentElement as HTMLElement);
      const next = rows[here + (event.key === "ArrowUp" ? -1 : 1)];
      const cell = next?.querySelector<HTMLButtonElement>(`[data-date="${days[index]?.date}"]`);
      event.preventDefault();
      cell?.focus();
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    focusCell(target);
  };

  const activate = (day: TodayDay, index: number) => {
    setActive(index);
    if (habit.kind === "measurable") setEditing(editing?.date === day.date ? null : day);
    else onDay(day, nextCellInput(day));
  };

  const closeEditor = () => {
    const index = days.findIndex((d) => d.date === editing?.date);
    setEditing(null);
    if (index >= 0) refs.current[index]?.focus();
  };

  return (
    <div className="week-cells-wrap">
      <div className="week-cells" role="group" aria-label={t`${name}, last 7 days`}>
        {days.map((day, index) => (
          <button
            key={day.date}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            className={`day-cell is-${day.status.replace("_", "-")}${
              index < days.length - 5 ? " is-oldest" : ""
            }`}
            style={{ "--habit": habit.color } as React.CSSProperties}
            tabIndex={index === active ? 0 : -1}
            aria-label={cellLabel(habit, day)}
            aria-pressed={habit.kind === "boolean" ? day.status === "done" : undefined}
            aria-expanded={habit.kind === "measurable" ? editing?.date === day.date : undefined}
            aria-controls={
              habit.kind === "measurable" && editing?.date === day.date ? editorId : undefined
            }
            data-date={day.date}
            onClick={() => activate(day, index)}
            onFocus={() => setActive(index)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <span className="day-cell-day" aria-hidden="true">
              {formatDate(day.date, { weekday: "short" })}
            </span>
            <span className="day-cell-mark" aria-hidden="true">
              {cellMark(habit, day)}
            </span>
          </button>
        ))}
      </div>
      {editing ? (
        <ValueEditor
          key={editing.date}
          id={editorId}
          habit={habit}
          day={editing}
          onSave={(input) => {
            onDay(editing, input);
            closeEditor();
          }}
          onClose={closeEditor}
        />
      ) : null}
    </div>
  );
}

function ValueEditor({
  id,
  habit,
  day,
  onSave,
  onClose,
}: {
  id: string;
  habit: Habit;
  day: TodayDay;
  onSave: (input: EntryInput | null) => void;
  onClose: () => void;
}) {
  const [text, setText] = useState(
    day.value === null || day.status === "skipped" ? "" : String(day.value),
  );
  const { t } = useLingui();
  const [error, setError] = useState("");
  const inputId = `${id}-value`;
  const name = habit.name;
  const date = cellDate(day.date);
  const unit = habit.unit;
  return (
    <form
      id={id}
      className="cell-editor"
      aria-label={t`${name}, ${date}`}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          onClose();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        const trimmed = text.trim();
        if (trimmed === "") return onSave({ value: null, status: null });
        const number = Number(trimmed);
        if (!Number.isFinite(number) || number < 0) {
          setError(t`Enter a number of 0 or more.`);
          return;
        }
        onSave({ value: number });
      }}
    >
      <label htmlFor={inputId}>
        {unit ? (
          <Trans>
            {name}, {date} ({unit})
          </Trans>
        ) : (
          <Trans>
            {name}, {date}
          </Trans>
        )}
      </label>
      <div className="row">
        <input
          id={inputId}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={text}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError("");
          }}
        />
        <button type="submit" className="btn btn-small btn-primary">
          <Trans>Save</Trans>
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            onSave(day.status === "skipped" ? { status: null } : { status: "skipped", value: null })
          }
        >
          {day.status === "skipped" ? <Trans>Unskip</Trans> : <Trans>Skip</Trans>}
        </button>
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose}>
          <Trans>Cancel</Trans>
        </button>
      </div>
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
