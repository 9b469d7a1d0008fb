import { useMutation, useQueryClient } from "@tanstack/react-query";
import { saveDayOrQueue } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import type { Entry, EntryInput, Habit, TodayDay, TodayResponse, User } from "@/types/api";
import { mergeEntry } from "@/utils/entries";
import { dayWithEntry, entryFromDay } from "../components/day-cells";
import { withEntry } from "./set-entry";

/** A change to one cell of the week grid: `input` null clears the day. */
export type SetDayVariables = { habit: Habit; day: TodayDay; input: EntryInput | null };

/**
 * What the day holds before the change: the day shown comes with its whole entry, and every
 * cell of the grid with its note, so a check-in keeps the note (PUT replaces the entry)
 * without reading the day first, offline too.
 */
function previousEntry(
  habit: Habit,
  day: TodayDay,
  shown: TodayResponse | undefined,
): Entry | null {
  const item = shown?.items.find((i) => i.habit.id === habit.id);
  if (shown?.date === day.date && item) return item.entry;
  return entryFromDay(habit, day);
}

/** The day list with one habit's cell (and, on the day shown, its item) changed. */
export function withDayChange(
  data: TodayResponse,
  habit: Habit,
  date: string,
  entry: Entry | null,
  today: string,
): TodayResponse {
  return {
    ...data,
    items: data.items.map((item) => {
      if (item.habit.id !== habit.id) return item;
      const changed =
        date === data.date ? withEntry(item, date, entry ? { ...entry } : null) : { ...item };
      changed.days = item.days?.map((day) =>
        day.date === date ? dayWithEntry(habit, day, entry, today) : day,
      );
      return changed;
    }),
  };
}

/** Save one cell of the grid through the offline queue, as the day's own check-in does. */
export function useSetDay(
  date: string,
  today: string,
  { onError }: { onError?: (error: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  const key = queryKeys.today(date);
  return useMutation({
    // One change at a time, so quick clicks on a cell (done, then skipped) reach the server in
    // the order they were made.
    scope: { id: "week-grid" },
    mutationFn: async ({ habit, day, input }: SetDayVariables) => {
      const shown = queryClient.getQueryData<TodayResponse>(key);
      const before = previousEntry(habit, day, shown);
      return saveDayOrQueue(
        queryClient.getQueryData<User | null>(queryKeys.me),
        habit,
        day.date,
        mergeEntry(habit, day.date, before, input),
      );
    },
    onMutate: async ({ habit, day, input }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TodayResponse>(key);
      if (previous) {
        const item = previous.items.find((i) => i.habit.id === habit.id);
        const known = day.date === previous.date ? (item?.entry ?? null) : entryFromDay(habit, day);
        const next = mergeEntry(habit, day.date, known, input);
        queryClient.setQueryData(key, withDayChange(previous, habit, day.date, next, today));
      }
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError?.(error);
    },
    onSettled: (_data, _error, { habit, day }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats(habit.id) });
      void queryClient.invalidateQueries({ queryKey: ["entries", habit.id] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overviewAll });
      if (day.date < habit.start_date) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.habit(habit.id) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      }
    },
  });
}
