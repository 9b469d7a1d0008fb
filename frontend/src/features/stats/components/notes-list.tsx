import type { Entry } from "@/types/api";
import { formatLongDate } from "@/utils/dates";

export function NotesList({ entries, today }: { entries: Entry[]; today: string }) {
  const notes = entries
    .filter((e) => e.note.trim() !== "")
    .sort((a, b) => b.date.localeCompare(a.date));
  if (notes.length === 0) {
    return (
      <p className="empty-note">
        No notes yet. Add one from a day's menu on Today or in the calendar above.
      </p>
    );
  }
  return (
    <ul className="notes-list">
      {notes.map((entry) => (
        <li key={entry.date}>
          <time dateTime={entry.date} className="muted small">
            {formatLongDate(entry.date, today)}
            {entry.status === "skipped" ? " · skipped" : entry.status === "done" ? " · done" : ""}
          </time>
          <p>{entry.note}</p>
        </li>
      ))}
    </ul>
  );
}
