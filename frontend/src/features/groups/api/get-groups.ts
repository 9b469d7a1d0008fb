import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group } from "@/types/api";

/** The person's groups in their order. */
export function getGroups(): Promise<Group[]> {
  return dataOf(client.GET("/api/groups")).then((groups) =>
    [...groups].sort((a, b) => a.position - b.position),
  );
}

export function useGroups() {
  return useQuery({ queryKey: queryKeys.groupsAll, queryFn: getGroups });
}
