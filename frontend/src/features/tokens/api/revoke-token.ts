import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { tokensKey } from "./types";

export function revokeToken(id: number): Promise<unknown> {
  return dataOf(client.DELETE("/api/tokens/{token_id}", { params: { path: { token_id: id } } }));
}

export function useRevokeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
