import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { webhooksKey, type EventType, type Webhook } from "./types";

export type WebhookChanges = { url?: string; events?: EventType[]; enabled?: boolean };

export function updateWebhook(id: number, changes: WebhookChanges): Promise<Webhook> {
  return dataOf(
    client.PATCH("/api/webhooks/{webhook_id}", {
      params: { path: { webhook_id: id } },
      body: changes,
    }),
  );
}

export function useUpdateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: WebhookChanges }) =>
      updateWebhook(id, changes),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}
