import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { deliveriesKey, type Delivery } from "./types";

export function resendDelivery(webhookId: number, deliveryId: number): Promise<Delivery> {
  return dataOf(
    client.POST("/api/webhooks/{webhook_id}/deliveries/{delivery_id}/resend", {
      params: { path: { webhook_id: webhookId, delivery_id: deliveryId } },
    }),
  );
}

export function useResendDelivery(webhookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) => resendDelivery(webhookId, deliveryId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(webhookId) }),
  });
}
