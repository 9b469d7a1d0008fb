import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, GroupStats } from "@/types/api";

export function useGroup(id: number) {
  return useQuery({
    queryKey: queryKeys.group(id),
    queryFn: (): Promise<Group> =>
      dataOf(client.GET("/api/groups/{group_id}", { params: { path: { group_id: id } } })),
  });
}

/** The group's combined score, its history and its streaks. */
export function useGroupStats(id: number) {
  return useQuery({
    queryKey: queryKeys.groupStats(id),
    queryFn: (): Promise<GroupStats> =>
      dataOf(client.GET("/api/groups/{group_id}/stats", { params: { path: { group_id: id } } })),
  });
}
