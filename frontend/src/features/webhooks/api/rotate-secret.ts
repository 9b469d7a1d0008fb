import { useMutation } from "@tanstack/react-query";
import { api } from "@/lib/api-client";

export function rotateSecret(id: number): Promise<{ secret: string }> {
  return api.post<{ secret: string }>(`/api/webhooks/${id}/rotate-secret`);
}

export function useRotateSecret() {
  return useMutation({ mutationFn: rotateSecret });
}
