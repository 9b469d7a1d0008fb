import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import type { components } from "@/types/openapi.gen";
import { webhooksKey } from "./types";

/** The new secret (shown this once) and until when the replaced one still signs deliveries. */
export type RotatedSecret = components["schemas"]["SecretOut"];

export function rotateSecret(id: number): Promise<RotatedSecret> {
  return dataOf(
    client.POST("/api/webhooks/{webhook_id}/rotate-secret", {
      params: { path: { webhook_id: id } },
    }),
  );
}

export function useRotateSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateSecret,
    // The list shows until when the old secret still signs.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}
