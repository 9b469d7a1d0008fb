import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

export function getHabit(id: number): Promise<Habit> {
  return api.get<Habit>(`/api/habits/${id}`);
}

export function useHabit(id: number) {
  return useQuery({ queryKey: queryKeys.habit(id), queryFn: () => getHabit(id) });
}
