import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

export function getHabits(archived: boolean): Promise<Habit[]> {
  return dataOf(client.GET("/api/habits", { params: { query: { archived } } }));
}

export function useHabits(archived = false) {
  return useQuery({ queryKey: queryKeys.habits(archived), queryFn: () => getHabits(archived) });
}
