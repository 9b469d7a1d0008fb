import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedIn } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";
import type { User } from "@/types/api";

export const loginInputSchema = z.object({
  email: z.email({ error: () => t`Enter a valid email address.` }),
  password: z.string().min(1, { error: () => t`Enter your password.` }),
});

export type LoginInput = z.infer<typeof loginInputSchema>;

export function login(input: LoginInput): Promise<User> {
  return dataOf(authClient.POST("/api/auth/login", { body: input }));
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => {
      // Django rotates the CSRF token when a session starts.
      resetCsrfToken();
      markSignedIn();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
