import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

export function getHabits(archived: boolean): Promise<Habit[]> {
  return api.get<Habit[]>("/api/habits", { params: { archived } });
}

export function useHabits(archived = false) {
  return useQuery({ queryKey: queryKeys.habits(archived), queryFn: () => getHabits(archived) });
}
