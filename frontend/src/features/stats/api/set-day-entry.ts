import { useMutation, useQueryClient } from "@tanstack/react-query";
import { saveDayOrQueue } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import type { Entry, EntryInput, EntryStatus, Habit, User } from "@/types/api";
import { mergeEntry } from "@/utils/entries";

export type SetDayEntryVariables = {
  date: string;
  previous: Entry | null;
  input: EntryInput | null;
};

/** The calendar's "change" click for yes/no habits: empty → done → skipped → empty. */
export function nextStatus(status: EntryStatus | undefined): EntryStatus {
  if (status === "done") return "skipped";
  if (status === "skipped") return null;
  return "done";
}

function applyToList(entries: Entry[], date: string, next: Entry | null): Entry[] {
  const rest = entries.filter((e) => e.date !== date);
  if (next === null) return rest;
  return [...rest, next].sort((a, b) => a.date.localeCompare(b.date));
}

export function useSetDayEntry(
  habit: Habit,
  from: string,
  to: string,
  { onError }: { onError?: (error: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  const habitId = habit.id;
  const key = queryKeys.entries(habitId, from, to);
  return useMutation({
    // Through the offline queue, as Today saves: a day changed on the calendar without a
    // connection waits in IndexedDB and is sent with the rest when the connection returns.
    mutationFn: ({ date, previous, input }: SetDayEntryVariables) =>
      saveDayOrQueue(
        queryClient.getQueryData<User | null>(queryKeys.me),
        habit,
        date,
        mergeEntry(habit, date, previous, input),
      ),
    onMutate: async ({ date, previous: before, input }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Entry[]>(key);
      const next = mergeEntry(habit, date, before, input);
      if (previous) queryClient.setQueryData(key, applyToList(previous, date, next));
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError?.(error);
    },
    onSettled: (_data, _error, { date }) => {
      void queryClient.invalidateQueries({ queryKey: ["entries", habitId] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats(habitId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      // A day before the start date moved the start back to it.
      if (date < habit.start_date) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.habit(habitId) });
        void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      }
    },
  });
}
