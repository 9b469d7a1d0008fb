import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { webhooksKey } from "./types";

export function deleteWebhook(id: number): Promise<unknown> {
  return dataOf(
    client.DELETE("/api/webhooks/{webhook_id}", { params: { path: { webhook_id: id } } }),
  );
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}
