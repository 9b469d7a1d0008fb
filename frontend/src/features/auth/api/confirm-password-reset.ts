import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
// zod/mini, not zod: the screens before signing in load this, and the full API would add
// about 10 kB to the login screen's JavaScript (the wire budget, e2e/test_wire_budget.py).
import * as z from "zod/mini";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedIn } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";
import type { User } from "@/types/api";

export const newPasswordSchema = z
  .object({
    new_password: z.string().check(z.minLength(8, { error: () => t`Use at least 8 characters.` })),
    confirm: z.string(),
  })
  .check(
    z.refine((v) => v.new_password === v.confirm, {
      error: () => t`The passwords don't match.`,
      path: ["confirm"],
    }),
  );

export type PasswordResetConfirmInput = { uid: string; token: string; new_password: string };

export function confirmPasswordReset(input: PasswordResetConfirmInput): Promise<User> {
  return dataOf(authClient.POST("/api/auth/password-reset/confirm", { body: input }));
}

export function useConfirmPasswordReset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmPasswordReset,
    // The server logged this browser in with a new session (and CSRF token).
    onSuccess: (user) => {
      resetCsrfToken();
      markSignedIn();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
