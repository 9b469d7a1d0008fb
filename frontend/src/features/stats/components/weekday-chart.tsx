import { orderedWeekdays, weekdayLong, weekdayShort } from "@/utils/dates";

export function WeekdayChart({
  counts,
  weekStart,
  color,
}: {
  counts: number[];
  weekStart: number;
  color: string;
}) {
  const max = Math.max(1, ...counts);
  return (
    <div className="vbars" role="list" aria-label="Check-ins per weekday">
      {orderedWeekdays(weekStart).map((day) => {
        const count = counts[day] ?? 0;
        return (
          <div
            key={day}
            className="vbar"
            role="listitem"
            aria-label={`${weekdayLong(day)}: ${count}`}
          >
            <span className="vbar-value small" aria-hidden="true">
              {count}
            </span>
            <span className="vbar-track" aria-hidden="true">
              <span
                className="vbar-fill"
                style={{ height: `${(count / max) * 100}%`, background: color }}
              />
            </span>
            <span className="vbar-label small" aria-hidden="true">
              {weekdayShort(day)}
            </span>
          </div>
        );
      })}
    </div>
  );
}
