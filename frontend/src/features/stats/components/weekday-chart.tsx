import { useLingui } from "@lingui/react/macro";
import { formatNumber } from "@/lib/i18n";
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
  const { t } = useLingui();
  const max = Math.max(1, ...counts);
  return (
    <div className="vbars" role="list" aria-label={t`Check-ins per weekday`}>
      {orderedWeekdays(weekStart).map((day) => {
        const count = counts[day] ?? 0;
        const name = weekdayLong(day);
        const number = formatNumber(count);
        return (
          <div key={day} className="vbar" role="listitem" aria-label={t`${name}: ${number}`}>
            <span className="vbar-value small" aria-hidden="true">
              {number}
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
