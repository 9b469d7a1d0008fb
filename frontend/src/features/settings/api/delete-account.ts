import { useMutation, useQueryClient } from "@tanstack/react-query";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedOut } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";

export function deleteAccount(password: string): Promise<void> {
  return dataOf(authClient.DELETE("/api/auth/me", { body: { password } }));
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: () => {
      markSignedOut();
      resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
