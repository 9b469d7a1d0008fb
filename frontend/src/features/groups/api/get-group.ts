import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, GroupStats } from "@/types/api";

export function useGroup(id: number) {
  return useQuery({
    queryKey: queryKeys.group(id),
    queryFn: () => api.get<Group>(`/api/groups/${id}`),
  });
}

/** The group's combined score, its history and its streaks. */
export function useGroupStats(id: number) {
  return useQuery({
    queryKey: queryKeys.groupStats(id),
    queryFn: () => api.get<GroupStats>(`/api/groups/${id}/stats`),
  });
}
