import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

/** Active or archived habits, under the same key the habits screen uses. */
export function useHabitList(archived: boolean) {
  return useQuery({
    queryKey: queryKeys.habits(archived),
    queryFn: (): Promise<Habit[]> =>
      dataOf(client.GET("/api/habits", { params: { query: { archived } } })),
  });
}
