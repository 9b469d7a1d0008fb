import { useMutation, useQueryClient } from "@tanstack/react-query";
import { saveDayOrQueue, type QueuedChange } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import type { Entry, EntryInput, Habit, TodayItem, TodayResponse, User } from "@/types/api";
import { dayLimit, entryBody, hasPeriodTarget, isEntryDone, mergeEntry } from "@/utils/entries";
import { dayWithEntry } from "../components/day-cells";

/** A change to one day of a habit (input null clears the day), on top of what it held. */
export type SetEntryVariables = { habit: Habit; previous: Entry | null; input: EntryInput | null };

/** The day's items with the changes still waiting to be sent on top (refused ones are not). */
export function withPendingChanges(
  today: TodayResponse,
  date: string,
  changes: QueuedChange[],
): TodayResponse {
  // The day shown, and the earlier days of the week grid.
  const shownDays = new Set(today.items.flatMap((i) => (i.days ?? []).map((d) => d.date)));
  const pending = changes.filter(
    (change) => change.status === "pending" && (change.date === date || shownDays.has(change.date)),
  );
  if (pending.length === 0) return today;
  return {
    ...today,
    items: today.items.map((item) => {
      const change = pending.findLast((c) => c.habitId === item.habit.id && c.date === date);
      const shown = change
        ? withEntry(item, date, change.entry ? entryBody(change.entry) : null)
        : item;
      // The grid's earlier days show their waiting changes too (oldest first: the last wins).
      const earlier = pending.filter((c) => c.habitId === item.habit.id && c.date !== date);
      if (earlier.length === 0 || !item.days) return shown;
      return {
        ...shown,
        days: shown.days?.map((day) => {
          const last = earlier.findLast((c) => c.date === day.date);
          return last ? dayWithEntry(item.habit, day, last.entry, date) : day;
        }),
      };
    }),
  };
}

/** What a day adds to its period's progress: one yes/no day, or a measurable day's value. */
function amount(habit: Habit, entry: Entry | null): number {
  if (!entry || entry.status === "skipped") return 0;
  return habit.kind === "boolean" ? Number(entry.status === "done") : (entry.value ?? 0);
}

/**
 * The item as the server will answer once `input` is saved, mirroring its
 * rule for `done`, so that the tick, the count and "Nothing is due" move at
 * once. `due` stays: a check-in never moves a card between the lists.
 */
export function withEntry(item: TodayItem, date: string, input: EntryInput | null): TodayItem {
  const { habit } = item;
  const entry = mergeEntry(habit, date, item.entry, input);
  // Any entry before the start date moves the start back to it; deleting it later does not.
  const beforeStart = item.before_start && entry === null;
  const progress = Math.max(
    0,
    item.period_progress.done + amount(habit, entry) - amount(habit, item.entry),
  );
  const periodTarget =
    habit.kind === "measurable" &&
    habit.target_type === "at_least" &&
    hasPeriodTarget(habit.schedule);
  const done =
    entry?.status !== "skipped" &&
    (periodTarget
      ? progress >= item.period_progress.target
      : isEntryDone(habit, entry, { beforeStart }));
  return {
    ...item,
    entry,
    done,
    before_start: beforeStart,
    limit: dayLimit(habit, entry, { beforeStart }),
    period_progress: { ...item.period_progress, done: progress },
    days: item.days?.map((day) =>
      day.date === date ? dayWithEntry(habit, day, entry, date) : day,
    ),
  };
}

export function useSetEntry(
  date: string,
  { onError }: { onError?: (error: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  const key = queryKeys.today(date);
  return useMutation({
    mutationFn: ({ habit, previous, input }: SetEntryVariables) =>
      saveDayOrQueue(
        queryClient.getQueryData<User | null>(queryKeys.me),
        habit,
        date,
        mergeEntry(habit, date, previous, input),
      ),
    onMutate: async ({ habit, input }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TodayResponse>(key);
      if (previous) {
        queryClient.setQueryData<TodayResponse>(key, {
          ...previous,
          items: previous.items.map((item) =>
            item.habit.id === habit.id ? withEntry(item, date, input) : item,
          ),
        });
      }
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError?.(error);
    },
    onSettled: (_data, _error, { habit }) => {
      // Streaks and scores are computed by the server: refresh them.
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats(habit.id) });
      void queryClient.invalidateQueries({ queryKey: ["entries", habit.id] });
      // A day before the start date moved the start back to it.
      if (date < habit.start_date) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.habit(habit.id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      }
    },
  });
}
