import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { TodayResponse } from "@/types/api";

export function getToday(date: string): Promise<TodayResponse> {
  return api.get<TodayResponse>("/api/today", { params: { date } });
}

export function useToday(date: string) {
  return useQuery({ queryKey: queryKeys.today(date), queryFn: () => getToday(date) });
}
