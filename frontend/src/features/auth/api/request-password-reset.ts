import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { api } from "@/lib/api-client";

export const passwordResetRequestSchema = z.object({
  email: z.email("Enter a valid email address."),
});

export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;

/** Always answers 202 with the same message, whether or not the address has an account. */
export function requestPasswordReset(input: PasswordResetRequestInput) {
  return api.post<{ detail: string }>("/api/auth/password-reset", input, {
    skipAuthRedirect: true,
  });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
