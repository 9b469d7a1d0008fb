import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { entriesWithPendingChanges, queuedChanges } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import type { Entry } from "@/types/api";

/**
 * The habit's entries as the server (or, offline, the service worker's last copy) has them,
 * with the changes that still wait to be sent on top, so that a reload offline shows them.
 */
export async function getEntries(id: number, from: string, to: string): Promise<Entry[]> {
  const [entries, changes] = await Promise.all([
    dataOf(
      client.GET("/api/habits/{habit_id}/entries", {
        params: { path: { habit_id: id }, query: { from, to } },
      }),
    ),
    queuedChanges().catch(() => []),
  ]);
  return entriesWithPendingChanges(entries, id, from, to, changes);
}

export function useEntries(id: number, from: string, to: string) {
  return useQuery({
    queryKey: queryKeys.entries(id, from, to),
    queryFn: () => getEntries(id, from, to),
  });
}
