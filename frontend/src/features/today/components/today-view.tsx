import { useCallback } from "react";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useToast } from "@/lib/toast";
import type { EntryInput, TodayItem as TodayItemData, TodayResponse } from "@/types/api";
import { isEntryDone } from "@/utils/entries";
import { useToday } from "../api/get-today";
import { useSetEntry } from "../api/set-entry";
import { TodayItem } from "./today-item";

type TodayViewProps = {
  date: string;
  /** Shown instead of the list when there is no active habit at all. */
  empty: React.ReactNode;
};

export function TodayView({ date, empty }: TodayViewProps) {
  const today = useToday(date);
  const toast = useToast();
  const setEntry = useSetEntry(date, {
    onError: (error) => toast.show(`Not saved: ${errorMessage(error)}`, "error"),
  });
  const { mutate } = setEntry;
  const onChange = useCallback(
    (item: TodayItemData, input: EntryInput | null) =>
      mutate({ habit: item.habit, previous: item.entry, input }),
    [mutate],
  );

  if (today.isPending) return <Skeleton lines={4} label="Loading today's habits" />;
  if (today.isError) return <Alert>{errorMessage(today.error)}</Alert>;
  if (today.data.items.length === 0) return <>{empty}</>;
  return <TodayLists data={today.data} onChange={onChange} />;
}

function TodayLists({
  data,
  onChange,
}: {
  data: TodayResponse;
  onChange: (item: TodayItemData, input: EntryInput | null) => void;
}) {
  const due = data.items.filter((item) => item.due);
  const notDue = data.items.filter((item) => !item.due);
  const doneCount = due.filter((item) => isEntryDone(item.habit, item.entry)).length;
  return (
    <>
      <section aria-labelledby="due-heading" className="stack">
        <div className="section-head">
          <h2 id="due-heading">Due</h2>
          <span className="muted">
            {doneCount} of {due.length} done
          </span>
        </div>
        {due.length === 0 ? (
          <p className="empty-note">Nothing is due on this day. Enjoy the rest!</p>
        ) : (
          <ul className="today-list">
            {due.map((item) => (
              <TodayItem key={item.habit.id} item={item} onChange={onChange} />
            ))}
          </ul>
        )}
      </section>
      {notDue.length > 0 ? (
        <section aria-labelledby="not-due-heading" className="stack not-due">
          <h2 id="not-due-heading">Not due on this day</h2>
          <ul className="today-list">
            {notDue.map((item) => (
              <TodayItem key={item.habit.id} item={item} onChange={onChange} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
