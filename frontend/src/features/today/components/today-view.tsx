import { useCallback, useEffect, useRef } from "react";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { focusHeading } from "@/lib/focus";
import { useToast } from "@/lib/toast";
import type { EntryInput, TodayDay, TodayItem as TodayItemData, TodayResponse } from "@/types/api";
import { useCollapseGroup } from "../api/collapse-group";
import { useToday } from "../api/get-today";
import { useSetDay } from "../api/set-day";
import { useSetEntry } from "../api/set-entry";
import { GroupedLists } from "./grouped-lists";
import { dayWords, type DayWords } from "./progress-label";
import { TodayItem, type OnDayChange } from "./today-item";

type TodayViewProps = {
  /** The day shown. */
  date: string;
  /** The person's today, to name the day shown ("yesterday", "Monday 30 November"). */
  today: string;
  weekStart: number;
  /** Shown instead of the list when there is no active habit at all. */
  empty: React.ReactNode;
  /** Move focus to the list's heading once it shows (after example habits were added). */
  focusOnLoad?: boolean;
  onFocused?: () => void;
};

export function TodayView({
  date,
  today,
  weekStart,
  empty,
  focusOnLoad = false,
  onFocused,
}: TodayViewProps) {
  const day = useToday(date);
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
  const setDay = useSetDay(date, today, {
    onError: (error) => toast.show(`Not saved: ${errorMessage(error)}`, "error"),
  });
  const { mutate: mutateDay } = setDay;
  const onDay = useCallback(
    (item: TodayItemData, day: TodayDay, input: EntryInput | null) =>
      mutateDay({ habit: item.habit, day, input }),
    [mutateDay],
  );
  const collapse = useCollapseGroup(date, {
    onError: (error) => toast.show(`Not saved: ${errorMessage(error)}`, "error"),
  });
  const words = dayWords(date, today, weekStart);

  if (day.isPending) {
    return (
      <Skeleton
        lines={4}
        label={`Loading the habits for ${words.isToday ? "today" : words.name}`}
      />
    );
  }
  if (day.isError) return <Alert>{errorMessage(day.error)}</Alert>;
  if (day.data.items.length === 0) return <>{empty}</>;
  if (day.data.groups && day.data.groups.length > 0) {
    return (
      <GroupedLists
        data={day.data}
        onChange={onChange}
        onDay={onDay}
        words={words}
        today={today}
        onCollapse={(id, collapsed) => collapse.mutate({ id, collapsed })}
      />
    );
  }
  return (
    <TodayLists
      data={day.data}
      onChange={onChange}
      onDay={onDay}
      words={words}
      today={today}
      focusOnLoad={focusOnLoad}
      onFocused={onFocused}
    />
  );
}

function TodayLists({
  data,
  onChange,
  onDay,
  words,
  today,
  focusOnLoad,
  onFocused,
}: {
  data: TodayResponse;
  onChange: (item: TodayItemData, input: EntryInput | null) => void;
  onDay: OnDayChange;
  words: DayWords;
  today: string;
  focusOnLoad: boolean;
  onFocused: (() => void) | undefined;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!focusOnLoad) return;
    focusHeading(headingRef.current, { scroll: true });
    onFocused?.();
  }, [focusOnLoad, onFocused]);

  // The server decides `due` and `done`; the count and the message follow the lists shown.
  const due = data.items.filter((item) => item.due);
  const notDue = data.items.filter((item) => !item.due);
  const doneCount = due.filter((item) => item.done).length;
  return (
    <>
      <section aria-labelledby="due-heading" className="stack">
        <div className="section-head">
          <h2 id="due-heading" ref={headingRef}>
            Due
          </h2>
          {due.length > 0 ? (
            <span className="muted">
              {doneCount} of {due.length} done
            </span>
          ) : null}
        </div>
        {due.length === 0 ? (
          <p className="empty-note">
            {words.isToday ? "Nothing is due today." : "Nothing was due on this day."}{" "}
            {notDue.length > 0 ? "You can still check in the habits below." : "Enjoy the rest!"}
          </p>
        ) : (
          <ul className="today-list">
            {due.map((item) => (
              <TodayItem
                key={item.habit.id}
                item={item}
                onChange={onChange}
                onDay={onDay}
                words={words}
                today={today}
              />
            ))}
          </ul>
        )}
      </section>
      {notDue.length > 0 ? (
        <section aria-labelledby="not-due-heading" className="stack not-due">
          <h2 id="not-due-heading">Not due on this day</h2>
          <ul className="today-list">
            {notDue.map((item) => (
              <TodayItem
                key={item.habit.id}
                item={item}
                onChange={onChange}
                onDay={onDay}
                words={words}
                today={today}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
