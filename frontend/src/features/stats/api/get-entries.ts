import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Entry } from "@/types/api";

export function getEntries(id: number, from: string, to: string): Promise<Entry[]> {
  return api.get<Entry[]>(`/api/habits/${id}/entries`, { params: { from, to } });
}

export function useEntries(id: number, from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.entries(id, from, to),
    queryFn: () => getEntries(id, from, to),
  });
}
