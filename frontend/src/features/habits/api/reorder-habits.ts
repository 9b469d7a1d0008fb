import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

export function reorderHabits(ids: number[]): Promise<unknown> {
  return dataOf(client.POST("/api/habits/reorder", { body: { ids } }));
}

/** Move the item at `from` to index `to`, returning a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = items.slice();
  if (from < 0 || from >= next.length || to < 0 || to >= next.length) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

export function useReorderHabits({ onError }: { onError?: (error: unknown) => void } = {}) {
  const queryClient = useQueryClient();
  const key = queryKeys.habits(false);
  return useMutation({
    mutationFn: (habits: Habit[]) => reorderHabits(habits.map((h) => h.id)),
    onMutate: async (habits) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Habit[]>(key);
      queryClient.setQueryData<Habit[]>(
        key,
        habits.map((h, position) => ({ ...h, position })),
      );
      return { previous };
    },
    onError: (error, _habits, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError?.(error);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
