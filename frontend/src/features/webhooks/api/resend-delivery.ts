import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { deliveriesKey, type Delivery } from "./types";

export function resendDelivery(webhookId: number, deliveryId: number): Promise<Delivery> {
  return api.post<Delivery>(`/api/webhooks/${webhookId}/deliveries/${deliveryId}/resend`);
}

export function useResendDelivery(webhookId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: number) => resendDelivery(webhookId, deliveryId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveriesKey(webhookId) }),
  });
}
