import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { HabitStats } from "@/types/api";

export function getHabitStats(id: number): Promise<HabitStats> {
  return dataOf(client.GET("/api/habits/{habit_id}/stats", { params: { path: { habit_id: id } } }));
}

export function useHabitStats(id: number) {
  return useQuery({ queryKey: queryKeys.stats(id), queryFn: () => getHabitStats(id) });
}
