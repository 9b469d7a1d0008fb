import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export function deleteHabit(id: number): Promise<void> {
  return dataOf(client.DELETE("/api/habits/{habit_id}", { params: { path: { habit_id: id } } }));
}

export function useDeleteHabit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteHabit,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: queryKeys.habit(id) });
      queryClient.removeQueries({ queryKey: queryKeys.stats(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
