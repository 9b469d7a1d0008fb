import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, TodayResponse } from "@/types/api";

/** Fold or unfold a group on Today; the choice is the group's, so every device keeps it. */
export function useCollapseGroup(date: string, { onError }: { onError?: (e: unknown) => void }) {
  const queryClient = useQueryClient();
  const key = queryKeys.today(date);
  return useMutation({
    mutationFn: ({ id, collapsed }: { id: number; collapsed: boolean }) =>
      dataOf<Group>(
        client.PATCH("/api/groups/{group_id}", {
          params: { path: { group_id: id } },
          body: { collapsed },
        }),
      ),
    onMutate: async ({ id, collapsed }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<TodayResponse>(key);
      if (previous?.groups) {
        queryClient.setQueryData<TodayResponse>(key, {
          ...previous,
          groups: previous.groups.map((g) => (g.id === id ? { ...g, collapsed } : g)),
        });
      }
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError?.(error);
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
    },
  });
}
