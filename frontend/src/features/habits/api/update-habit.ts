import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit, HabitInput } from "@/types/api";

export type HabitPatch = Partial<HabitInput> & { archived?: boolean };

export function updateHabit(id: number, patch: HabitPatch): Promise<Habit> {
  return dataOf(
    client.PATCH("/api/habits/{habit_id}", { params: { path: { habit_id: id } }, body: patch }),
  );
}

export function useUpdateHabit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: HabitPatch }) => updateHabit(id, patch),
    onSuccess: (habit) => {
      queryClient.setQueryData(queryKeys.habit(habit.id), habit);
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.stats(habit.id) });
    },
  });
}
