import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

/** Delete a group; its habits stay, in no group. */
export function useDeleteGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) =>
      dataOf(client.DELETE("/api/groups/{group_id}", { params: { path: { group_id: id } } })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overviewAll });
    },
  });
}
