import { Trans } from "@lingui/react/macro";
import type { Entry } from "@/types/api";
import { formatLongDate } from "@/utils/dates";

export function NotesList({ entries, today }: { entries: Entry[]; today: string }) {
  const notes = entries
    .filter((e) => e.note.trim() !== "")
    .sort((a, b) => b.date.localeCompare(a.date));
  if (notes.length === 0) {
    return (
      <p className="empty-note">
        <Trans>No notes yet. Add one from a day's menu on Today or in the calendar above.</Trans>
      </p>
    );
  }
  return (
    <ul className="notes-list">
      {notes.map((entry) => (
        <li key={entry.date}>
          <time dateTime={entry.date} className="muted small">
            <NoteDate date={formatLongDate(entry.date, today)} status={entry.status} />
          </time>
          <p>{entry.note}</p>
        </li>
      ))}
    </ul>
  );
}

/** "Monday 30 November · done": the day of a note and what happened on it. */
function NoteDate({ date, status }: { date: string; status: Entry["status"] }) {
  if (status === "skipped") return <Trans>{date} · skipped</Trans>;
  if (status === "done") return <Trans>{date} · done</Trans>;
  return <>{date}</>;
}
