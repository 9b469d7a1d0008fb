import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group } from "@/types/api";

export function useReorderGroups({ onError }: { onError?: (error: unknown) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (groups: Group[]) =>
      dataOf(client.POST("/api/groups/reorder", { body: { ids: groups.map((g) => g.id) } })),
    onMutate: async (groups) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.groupsAll, exact: true });
      const previous = queryClient.getQueryData<Group[]>(queryKeys.groupsAll);
      queryClient.setQueryData<Group[]>(
        queryKeys.groupsAll,
        groups.map((g, position) => ({ ...g, position })),
      );
      return { previous };
    },
    onError: (error, _groups, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.groupsAll, context.previous);
      onError?.(error);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
