import { useQuery } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group } from "@/types/api";

/** The person's groups in their order. */
export function getGroups(): Promise<Group[]> {
  return api
    .get<Group[]>("/api/groups")
    .then((groups) => [...groups].sort((a, b) => a.position - b.position));
}

export function useGroups() {
  return useQuery({ queryKey: queryKeys.groupsAll, queryFn: getGroups });
}
