import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useRef, useState } from "react";
import { Link } from "react-router";
import { ScoreRing } from "@/components/score-ring";
import { focusHeading } from "@/lib/focus";
import type { EntryInput, TodayDay, TodayItem as TodayItemData } from "@/types/api";
import { formatNumber } from "@/lib/i18n";
import { formatShortDate } from "@/utils/dates";
import { progressLabel, TODAY_WORDS, type DayWords } from "./progress-label";
import { QuickValue } from "./quick-value";
import { WeekCells } from "./week-cells";

export type OnEntryChange = (item: TodayItemData, input: EntryInput | null) => void;
/** A change to one day of the week grid. */
export type OnDayChange = (item: TodayItemData, day: TodayDay, input: EntryInput | null) => void;

type TodayItemProps = {
  item: TodayItemData;
  onChange: OnEntryChange;
  /** Given when the server sent the week grid: its cells save through it. */
  onDay?: OnDayChange;
  /** How the day shown is named: "today", "yesterday", "Monday 30 November". */
  words?: DayWords;
  today: string;
};

export function TodayItem({ item, onChange, onDay, words = TODAY_WORDS, today }: TodayItemProps) {
  const { t } = useLingui();
  const { habit, entry, done } = item;
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const skipped = entry?.status === "skipped";
  const hasNote = Boolean(entry?.note);
  const measurable = habit.kind === "measurable";
  const atMost = measurable && habit.target_type === "at_most";
  const over = item.limit === "over";
  // Screen readers hear which day a button changes when it is not today.
  const day = words.isToday ? null : words.name;
  const name = habit.name;
  const streak = formatNumber(item.current_streak);
  let checkLabel: string;
  if (done) checkLabel = day ? t`Undo ${name} for ${day}` : t`Undo ${name}`;
  else checkLabel = day ? t`Check in ${name} for ${day}` : t`Check in ${name}`;
  const start = formatShortDate(habit.start_date, today);

  const toggleDone = () => onChange(item, { status: done ? null : "done" });
  // The menu's buttons vanish with it: focus goes to the habit's heading, not the page.
  const closeMenu = () => {
    focusHeading(headingRef.current);
    setMenuOpen(false);
  };

  const grid = item.days && item.days.length > 0 && onDay ? item.days : null;

  return (
    <li
      className={`today-item${done ? " is-done" : ""}${skipped ? " is-skipped" : ""}${
        over ? " is-over" : ""
      }${grid ? " has-grid" : ""}`}
      data-testid={`today-item-${habit.id}`}
    >
      <div className="today-row">
        <div className="today-main">
          <span className="habit-icon" style={{ background: habit.color }} aria-hidden="true">
            {habit.icon || habit.name.charAt(0)}
          </span>
          <div className="today-text">
            <h3 className="today-name" ref={headingRef}>
              <Link to={`/habits/${habit.id}`} className="habit-name">
                {habit.name}
              </Link>
            </h3>
            <div className="today-meta">
              <span title={t`Current streak`} aria-label={t`Current streak ${streak}`}>
                🔥 {streak}
              </span>
              <span>
                {progressLabel(
                  habit.schedule,
                  item.period_progress.done,
                  item.period_progress.target,
                  { unit: measurable ? habit.unit : "", atMost, words },
                )}
              </span>
              {over ? (
                <span className="badge badge-over">
                  <Trans>Over the limit</Trans>
                </span>
              ) : null}
              {atMost && item.limit === "within" ? (
                <span className="badge badge-within">
                  <Trans>Within the limit</Trans>
                </span>
              ) : null}
              {skipped ? (
                <span className="badge">
                  <Trans>Skipped</Trans>
                </span>
              ) : null}
              {hasNote ? (
                <span className="badge" title={entry?.note}>
                  📝 <Trans>Note</Trans>
                </span>
              ) : null}
              {item.before_start ? (
                <span
                  className="badge"
                  title={t`Checking in on this day moves the habit's start back to it.`}
                >
                  {habit.start_date <= today ? (
                    <Trans>Started {start}</Trans>
                  ) : (
                    <Trans>Starts {start}</Trans>
                  )}
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
              aria-label={checkLabel}
              onClick={toggleDone}
              style={done ? { background: habit.color, borderColor: habit.color } : undefined}
            >
              <span aria-hidden="true">{done ? "✓" : ""}</span>
            </button>
          ) : (
            <QuickValue item={item} onChange={onChange} day={day} />
          )}
          <button
            type="button"
            className="btn-icon"
            aria-expanded={menuOpen}
            aria-controls={menuId}
            aria-label={t`More actions for ${name}`}
            onClick={() => setMenuOpen((open) => !open)}
          >
            ⋯
          </button>
        </div>
        {grid && onDay ? (
          <WeekCells habit={habit} days={grid} onDay={(day, input) => onDay(item, day, input)} />
        ) : null}
      </div>
      {menuOpen ? (
        <EntryMenu id={menuId} item={item} onChange={onChange} onClose={closeMenu} words={words} />
      ) : null}
    </li>
  );
}

function EntryMenu({
  id,
  item,
  onChange,
  onClose,
  words,
}: {
  id: string;
  item: TodayItemData;
  onChange: OnEntryChange;
  onClose: () => void;
  words: DayWords;
}) {
  const { habit, entry } = item;
  const name = habit.name;
  const day = words.name;
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
          {skipped ? (
            <Trans>Unskip</Trans>
          ) : words.isToday ? (
            <Trans>Skip today</Trans>
          ) : (
            <Trans>Skip this day</Trans>
          )}
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
            <Trans>Clear entry</Trans>
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
        <label htmlFor={`${id}-note`}>
          {words.isToday ? (
            <Trans>Note for {name}</Trans>
          ) : (
            <Trans>
              Note for {name}, {day}
            </Trans>
          )}
        </label>
        <textarea
          id={`${id}-note`}
          rows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div>
          <button type="submit" className="btn btn-small btn-primary">
            <Trans>Save note</Trans>
          </button>
        </div>
      </form>
    </div>
  );
}
