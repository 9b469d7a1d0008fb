import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
// zod/mini, not zod: the screens before signing in load this, and the full API would add
// about 10 kB to the login screen's JavaScript (the wire budget, e2e/test_wire_budget.py).
import * as z from "zod/mini";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedIn } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";
import type { User } from "@/types/api";

export const loginInputSchema = z.object({
  email: z.email({ error: () => t`Enter a valid email address.` }),
  password: z.string().check(z.minLength(1, { error: () => t`Enter your password.` })),
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
