import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, resetCsrfToken } from "@/lib/api-client";
import { markSignedOut } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";

export function deleteAccount(password: string): Promise<void> {
  return api.delete("/api/auth/me", { password }, { skipAuthRedirect: true });
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
