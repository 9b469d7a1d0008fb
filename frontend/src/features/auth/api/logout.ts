import { useMutation, useQueryClient } from "@tanstack/react-query";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedOut } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";

export function logout(): Promise<void> {
  return dataOf(authClient.POST("/api/auth/logout"));
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      markSignedOut();
      resetCsrfToken();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
