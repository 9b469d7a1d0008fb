import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

export function getHabit(id: number): Promise<Habit> {
  return dataOf(client.GET("/api/habits/{habit_id}", { params: { path: { habit_id: id } } }));
}

export function useHabit(id: number) {
  return useQuery({ queryKey: queryKeys.habit(id), queryFn: () => getHabit(id) });
}
