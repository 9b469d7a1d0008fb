import { useMutation, useQueryClient } from "@tanstack/react-query";
import { authClient, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";

export function confirmEmailChange(token: string) {
  return dataOf(authClient.POST("/api/auth/email-change/confirm", { body: { token } }));
}

export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmEmailChange,
    // Whoever is signed in here may be the account whose address just changed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.me }),
  });
}
