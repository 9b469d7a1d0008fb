import { formatDate } from "@/utils/dates";

type DateSwitcherProps = {
  days: string[];
  selected: string;
  today: string;
  onSelect: (date: string) => void;
};

/** Tabs for the days of this week so far: earlier days can still be filled in. */
export function DateSwitcher({ days, selected, today, onSelect }: DateSwitcherProps) {
  if (days.length <= 1) return null;
  return (
    <nav className="date-switcher" aria-label="Day of this week">
      {days.map((day) => (
        <button
          key={day}
          type="button"
          className="day-chip"
          aria-current={day === selected ? "date" : undefined}
          onClick={() => onSelect(day)}
        >
          <span className="day-chip-weekday">
            {day === today ? "Today" : formatDate(day, { weekday: "short" })}
          </span>
          <span className="day-chip-date">{formatDate(day, { day: "numeric" })}</span>
        </button>
      ))}
    </nav>
  );
}
