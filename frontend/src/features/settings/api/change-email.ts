import { t } from "@lingui/core/macro";
import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { authClient, dataOf } from "@/lib/api-client";

export const changeEmailSchema = z.object({
  new_email: z.email({ error: () => t`Enter a valid email address.` }),
  password: z.string().min(1, { error: () => t`Enter your password.` }),
});

export type ChangeEmailInput = z.infer<typeof changeEmailSchema>;

/** Sends a confirmation link to the new address; nothing changes until it is opened. */
export function changeEmail(input: ChangeEmailInput) {
  return dataOf(authClient.POST("/api/auth/email-change", { body: input }));
}

export function useChangeEmail() {
  return useMutation({ mutationFn: changeEmail });
}
