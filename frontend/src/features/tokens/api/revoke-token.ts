import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "@/lib/api-client";
import { tokensKey } from "./types";

export function revokeToken(id: number): Promise<unknown> {
  return api.delete(`/api/tokens/${id}`);
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
