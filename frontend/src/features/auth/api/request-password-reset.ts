import { t } from "@lingui/core/macro";
import { useMutation } from "@tanstack/react-query";
// zod/mini, not zod: the screens before signing in load this, and the full API would add
// about 10 kB to the login screen's JavaScript (the wire budget, e2e/test_wire_budget.py).
import * as z from "zod/mini";
import { authClient, dataOf } from "@/lib/api-client";

export const passwordResetRequestSchema = z.object({
  email: z.email({ error: () => t`Enter a valid email address.` }),
});

export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;

/** Always answers 202 with the same message, whether or not the address has an account. */
export function requestPasswordReset(input: PasswordResetRequestInput) {
  return dataOf(authClient.POST("/api/auth/password-reset", { body: input }));
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
