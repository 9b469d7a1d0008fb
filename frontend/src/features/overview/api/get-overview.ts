import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, Habit, OverviewResponse } from "@/types/api";

export function useOverview(from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.overview(from, to),
    queryFn: () => api.get<OverviewResponse>("/api/overview", { params: { from, to } }),
  });
}

/** Names for the overview's rows: active and archived habits, under the habits screen's keys. */
export function useHabitNames() {
  const active = useQuery({
    queryKey: queryKeys.habits(false),
    queryFn: () => api.get<Habit[]>("/api/habits", { params: { archived: false } }),
  });
  const archived = useQuery({
    queryKey: queryKeys.habits(true),
    queryFn: () => api.get<Habit[]>("/api/habits", { params: { archived: true } }),
  });
  return [...(active.data ?? []), ...(archived.data ?? [])];
}

export function useGroupNames() {
  return useQuery({
    queryKey: queryKeys.groupsAll,
    queryFn: () => api.get<Group[]>("/api/groups"),
  }).data;
}
