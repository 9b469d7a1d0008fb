import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Entry, EntryInput, EntryStatus, Habit } from "@/types/api";
import { entryBody, mergeEntry } from "@/utils/entries";

export type SetDayEntryVariables = {
  date: string;
  previous: Entry | null;
  input: EntryInput | null;
};

/** Store `next` for the day, or delete the day when it is null. */
export async function saveDayEntry(habitId: number, date: string, next: Entry | null) {
  const path = `/api/habits/${habitId}/entries/${date}`;
  if (next === null) {
    await api.delete(path);
    return null;
  }
  return api.put<Entry>(path, entryBody(next));
}

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
    mutationFn: ({ date, previous, input }: SetDayEntryVariables) =>
      saveDayEntry(habitId, date, mergeEntry(habit, date, previous, input)),
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
