import { formatDate } from "@/utils/dates";

type Month = { month: string; done: number; due: number };

export function MonthlyChart({ months, color }: { months: Month[]; color: string }) {
  const recent = months.slice(-12);
  if (recent.length === 0) return <p className="empty-note">No months to show yet.</p>;
  const max = Math.max(1, ...recent.map((m) => Math.max(m.done, m.due)));
  return (
    <div className="vbars monthly" role="list" aria-label="Done and due per month">
      {recent.map((m) => {
        const label = formatDate(`${m.month}-01`, { month: "short", year: "2-digit" });
        return (
          <div
            key={m.month}
            className="vbar"
            role="listitem"
            aria-label={`${label}: ${m.done} done of ${m.due} due`}
          >
            <span className="vbar-value small" aria-hidden="true">
              {m.done}/{m.due}
            </span>
            <span className="vbar-track pair" aria-hidden="true">
              <span className="vbar-fill due" style={{ height: `${(m.due / max) * 100}%` }} />
              <span
                className="vbar-fill"
                style={{ height: `${(m.done / max) * 100}%`, background: color }}
              />
            </span>
            <span className="vbar-label small" aria-hidden="true">
              {label}
            </span>
          </div>
        );
      })}
    </div>
  );
}
