import { useLingui } from "@lingui/react/macro";
import { formatNumber } from "@/lib/i18n";
import { formatDate } from "@/utils/dates";

type Month = { month: string; done: number; due: number };

type MonthlyChartProps = { months: Month[]; color: string; today: string };

export function MonthlyChart({ months, color, today }: MonthlyChartProps) {
  const { t } = useLingui();
  const recent = months.slice(-12);
  if (recent.length === 0) return <p className="empty-note">{t`No months to show yet.`}</p>;
  const max = Math.max(1, ...recent.map((m) => Math.max(m.done, m.due)));
  const thisYear = today.slice(0, 4);
  return (
    <div className="vbars monthly" role="list" aria-label={t`Done and due per month`}>
      {recent.map((m, i) => {
        const first = `${m.month}-01`;
        const year = m.month.slice(0, 4);
        // A two-digit year under a month ("Nov 26") reads as a day: the year is
        // written in full, once, under the first month shown of an earlier year.
        const showYear =
          year !== thisYear && (i === 0 || recent[i - 1]!.month.slice(0, 4) !== year);
        const name = formatDate(first, { month: "long", year: "numeric" });
        const done = formatNumber(m.done);
        const due = formatNumber(m.due);
        return (
          <div
            key={m.month}
            className="vbar"
            role="listitem"
            aria-label={t`${name}: ${done} done of ${due} due`}
          >
            <span className="vbar-value small" aria-hidden="true">
              {done}/{due}
            </span>
            <span className="vbar-track pair" aria-hidden="true">
              <span className="vbar-fill due" style={{ height: `${(m.due / max) * 100}%` }} />
              <span
                className="vbar-fill"
                style={{ height: `${(m.done / max) * 100}%`, background: color }}
              />
            </span>
            <span className="vbar-label small" aria-hidden="true">
              {formatDate(first, { month: "short" })}
              <span className="vbar-year">
                {showYear ? formatDate(first, { year: "numeric" }) : " "}
              </span>
            </span>
          </div>
        );
      })}
    </div>
  );
}
