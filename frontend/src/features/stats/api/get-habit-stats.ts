import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { HabitStats } from "@/types/api";

export function getHabitStats(id: number): Promise<HabitStats> {
  return api.get<HabitStats>(`/api/habits/${id}/stats`);
}

export function useHabitStats(id: number) {
  return useQuery({ queryKey: queryKeys.stats(id), queryFn: () => getHabitStats(id) });
}
