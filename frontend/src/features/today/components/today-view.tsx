import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useCallback, useEffect, useRef } from "react";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { focusHeading } from "@/lib/focus";
import { formatNumber } from "@/lib/i18n";
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
  const { t } = useLingui();
  const day = useToday(date);
  const toast = useToast();
  const notSaved = (error: unknown) => {
    const reason = errorMessage(error);
    toast.show(t`Not saved: ${reason}`, "error");
  };
  const setEntry = useSetEntry(date, { onError: notSaved });
  const { mutate } = setEntry;
  const onChange = useCallback(
    (item: TodayItemData, input: EntryInput | null) =>
      mutate({ habit: item.habit, previous: item.entry, input }),
    [mutate],
  );
  const setDay = useSetDay(date, today, { onError: notSaved });
  const { mutate: mutateDay } = setDay;
  const onDay = useCallback(
    (item: TodayItemData, day: TodayDay, input: EntryInput | null) =>
      mutateDay({ habit: item.habit, day, input }),
    [mutateDay],
  );
  const collapse = useCollapseGroup(date, { onError: notSaved });
  const words = dayWords(date, today, weekStart);

  if (day.isPending) {
    const name = words.name;
    return (
      <Skeleton
        lines={4}
        label={words.isToday ? t`Loading the habits for today` : t`Loading the habits for ${name}`}
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
  const doneCount = formatNumber(due.filter((item) => item.done).length);
  const dueCount = formatNumber(due.length);
  return (
    <>
      <section aria-labelledby="due-heading" className="stack">
        <div className="section-head">
          <h2 id="due-heading" ref={headingRef}>
            <Trans>Due</Trans>
          </h2>
          {due.length > 0 ? (
            <span className="muted">
              <Trans>
                {doneCount} of {dueCount} done
              </Trans>
            </span>
          ) : null}
        </div>
        {due.length === 0 ? (
          <p className="empty-note">
            {words.isToday ? (
              <Trans>Nothing is due today.</Trans>
            ) : (
              <Trans>Nothing was due on this day.</Trans>
            )}{" "}
            {notDue.length > 0 ? (
              <Plural
                value={notDue.length}
                one="You can still check in the habit below."
                other="You can still check in the habits below."
              />
            ) : (
              <Trans>Enjoy the rest!</Trans>
            )}
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
          <h2 id="not-due-heading">
            <Trans>Not due on this day</Trans>
          </h2>
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
