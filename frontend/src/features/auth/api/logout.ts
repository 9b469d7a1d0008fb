import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api, resetCsrfToken } from "@/lib/api-client";
import { markSignedOut } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";

export function logout(): Promise<void> {
  return api.post<void>("/api/auth/logout", undefined, { skipAuthRedirect: true });
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
