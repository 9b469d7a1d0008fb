import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Entry, EntryInput, Habit, TodayResponse } from "@/types/api";
import { entryBody, isEntryDone, mergeEntry } from "@/utils/entries";

/** A change to one day of a habit (input null clears the day), on top of what it held. */
export type SetEntryVariables = { habit: Habit; previous: Entry | null; input: EntryInput | null };

/** Store `next` for the day, or delete the day when it is null. */
export async function saveEntry(habit: Habit, date: string, next: Entry | null) {
  const path = `/api/habits/${habit.id}/entries/${date}`;
  if (next === null) {
    await api.delete(path);
    return null;
  }
  return api.put<Entry>(path, entryBody(next));
}

export function useSetEntry(
  date: string,
  { onError }: { onError?: (error: unknown) => void } = {},
) {
  const queryClient = useQueryClient();
  const key = queryKeys.today(date);
  return useMutation({
    mutationFn: ({ habit, previous, input }: SetEntryVariables) =>
      saveEntry(habit, date, mergeEntry(habit, date, previous, input)),
    onMutate: async ({ habit, input }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TodayResponse>(key);
      if (previous) {
        queryClient.setQueryData<TodayResponse>(key, {
          ...previous,
          items: previous.items.map((item) => {
            if (item.habit.id !== habit.id) return item;
            const entry = mergeEntry(habit, date, item.entry, input);
            // Counting days: a yes/no habit's progress moves by one. Measurable
            // progress is a sum the server computes, so it waits for the refetch.
            const delta =
              habit.kind === "boolean"
                ? Number(isEntryDone(habit, entry)) - Number(isEntryDone(habit, item.entry))
                : 0;
            return {
              ...item,
              entry,
              period_progress: {
                ...item.period_progress,
                done: Math.max(0, item.period_progress.done + delta),
              },
            };
          }),
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
    },
  });
}
