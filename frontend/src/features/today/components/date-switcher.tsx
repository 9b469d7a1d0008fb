import { Trans, useLingui } from "@lingui/react/macro";
import { addDays, capitalize, dayName, formatDate, isISODate } from "@/utils/dates";
import "./week-grid.css";

/** The earliest day the API answers for. */
export const FIRST_DAY = "1900-01-01";

const CHIPS = 7;

/**
 * The week of days offered as chips: the seven days up to today, or, for an
 * earlier day, the days around it, so the chosen day always has neighbours.
 */
export function switcherDays(selected: string, today: string): string[] {
  const later = addDays(selected, 3);
  const end = later < today ? later : today;
  return Array.from({ length: CHIPS }, (_, i) => addDays(end, i - (CHIPS - 1)));
}

type DateSwitcherProps = {
  selected: string;
  today: string;
  onSelect: (date: string) => void;
};

/** Chips for the last days, previous/next buttons and a date picker for any earlier day. */
export function DateSwitcher({ selected, today, onSelect }: DateSwitcherProps) {
  const { t } = useLingui();
  const days = switcherDays(selected, today).filter((day) => day >= FIRST_DAY);
  return (
    <div className="date-switcher-bar">
      <nav className="date-switcher" aria-label={t`Choose a day`}>
        <button
          type="button"
          className="day-step"
          aria-label={t`Previous day`}
          disabled={selected <= FIRST_DAY}
          onClick={() => onSelect(addDays(selected, -1))}
        >
          <Chevron glyph="‹" />
        </button>
        {days.map((day, index) => (
          <button
            key={day}
            type="button"
            // The two earliest chips give way on phones; the chosen day is never one of them.
            className={`day-chip${index < 2 && days.length === CHIPS ? " is-far" : ""}`}
            aria-current={day === selected ? "date" : undefined}
            aria-label={capitalize(dayName(day, today))}
            onClick={() => onSelect(day)}
          >
            <span className="day-chip-weekday" aria-hidden="true">
              {day === today ? t`Today` : formatDate(day, { weekday: "short" })}
            </span>
            <span className="day-chip-date" aria-hidden="true">
              {formatDate(day, { day: "numeric" })}
            </span>
          </button>
        ))}
        <button
          type="button"
          className="day-step"
          aria-label={t`Next day`}
          disabled={selected >= today}
          onClick={() => onSelect(addDays(selected, 1))}
        >
          <Chevron glyph="›" />
        </button>
      </nav>
      <label className="date-picker">
        <span>
          <Trans>Go to a day</Trans>
        </span>
        <input
          type="date"
          min={FIRST_DAY}
          max={today}
          value={selected}
          onChange={(event) => {
            const day = event.target.value;
            // While a year is being typed the field holds "0002-…": wait for a real day.
            if (isISODate(day) && day >= FIRST_DAY && day <= today) onSelect(day);
          }}
        />
      </label>
    </div>
  );
}

/**
 * An arrow that points back or forward in time. Written left to right so that the browser's own
 * mirroring of "‹" never applies, then turned by CSS under dir=rtl (week-grid.css), where the
 * previous day is to the right.
 */
function Chevron({ glyph }: { glyph: "‹" | "›" }) {
  return (
    <span className="icon-directional" dir="ltr" aria-hidden="true">
      {glyph}
    </span>
  );
}
