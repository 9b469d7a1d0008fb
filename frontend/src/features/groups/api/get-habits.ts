import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

/** Active or archived habits, under the same key the habits screen uses. */
export function useHabitList(archived: boolean) {
  return useQuery({
    queryKey: queryKeys.habits(archived),
    queryFn: () => api.get<Habit[]>("/api/habits", { params: { archived } }),
  });
}
