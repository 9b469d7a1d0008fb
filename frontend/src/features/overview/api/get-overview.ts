import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, Habit, OverviewResponse } from "@/types/api";

export function useOverview(from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.overview(from, to),
    queryFn: (): Promise<OverviewResponse> =>
      dataOf(client.GET("/api/overview", { params: { query: { from, to } } })),
  });
}

/** Names for the overview's rows: active and archived habits, under the habits screen's keys. */
export function useHabitNames() {
  const active = useQuery({
    queryKey: queryKeys.habits(false),
    queryFn: (): Promise<Habit[]> =>
      dataOf(client.GET("/api/habits", { params: { query: { archived: false } } })),
  });
  const archived = useQuery({
    queryKey: queryKeys.habits(true),
    queryFn: (): Promise<Habit[]> =>
      dataOf(client.GET("/api/habits", { params: { query: { archived: true } } })),
  });
  return [...(active.data ?? []), ...(archived.data ?? [])];
}

export function useGroupNames() {
  return useQuery({
    queryKey: queryKeys.groupsAll,
    queryFn: (): Promise<Group[]> => dataOf(client.GET("/api/groups")),
  }).data;
}
