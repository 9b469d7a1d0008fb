import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, GroupInput } from "@/types/api";

export type GroupPatch = Partial<GroupInput> & { collapsed?: boolean };

export function useUpdateGroup({ onError }: { onError?: (error: unknown) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: GroupPatch }) =>
      dataOf(
        client.PATCH("/api/groups/{group_id}", { params: { path: { group_id: id } }, body: patch }),
      ),
    onMutate: async ({ id, patch }) => {
      await queryClient.cancelQueries({ queryKey: queryKeys.groupsAll, exact: true });
      const previous = queryClient.getQueryData<Group[]>(queryKeys.groupsAll);
      if (previous) {
        queryClient.setQueryData<Group[]>(
          queryKeys.groupsAll,
          previous.map((g) => (g.id === id ? { ...g, ...patch } : g)),
        );
      }
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(queryKeys.groupsAll, context.previous);
      onError?.(error);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
