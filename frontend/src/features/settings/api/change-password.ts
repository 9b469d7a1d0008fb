import { t } from "@lingui/core/macro";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";

export const changePasswordSchema = z
  .object({
    current_password: z.string().min(1, { error: () => t`Enter your current password.` }),
    new_password: z.string().min(8, { error: () => t`Use at least 8 characters.` }),
    confirm: z.string(),
  })
  .refine((v) => v.new_password === v.confirm, {
    error: () => t`The passwords don't match.`,
    path: ["confirm"],
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;

export function changePassword({ current_password, new_password }: ChangePasswordInput) {
  return dataOf(
    authClient.POST("/api/auth/password", { body: { current_password, new_password } }),
  );
}

export function useChangePassword() {
  return useMutation({
    mutationFn: changePassword,
    // Django rotates the session (and CSRF token) when a password changes.
    onSuccess: () => resetCsrfToken(),
  });
}
