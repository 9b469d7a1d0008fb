import { useMutation, useQueryClient } from "@tanstack/react-query";
import { t } from "@lingui/core/macro";
import { z } from "zod";
import { client, dataOf } from "@/lib/api-client";
import { tokensKey, type CreatedApiToken } from "./types";

// Messages are functions so that they are read in the active language when a form is checked.
export const createTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => t`Name the token after what will use it.` })
    .max(100, { error: () => t`Use at most 100 characters.` }),
  scope: z.enum(["read", "write"]),
  // A date from <input type="date"> (YYYY-MM-DD) or empty for no expiry.
  expires_on: z
    .string()
    .refine((value) => value === "" || !Number.isNaN(Date.parse(`${value}T00:00:00`)), {
      error: () => t`Enter a date.`,
    }),
});

export type CreateTokenInput = z.infer<typeof createTokenSchema>;

/** The token stops working at the end of the chosen day, in this browser's time zone. */
export function expiryOf(expiresOn: string): string | null {
  if (!expiresOn) return null;
  const endOfDay = new Date(`${expiresOn}T23:59:59`);
  return endOfDay.toISOString();
}

export function createToken(input: CreateTokenInput): Promise<CreatedApiToken> {
  return dataOf(
    client.POST("/api/tokens", {
      body: { name: input.name, scope: input.scope, expires_at: expiryOf(input.expires_on) },
    }),
  );
}

export function useCreateToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createToken,
    onSettled: () => queryClient.invalidateQueries({ queryKey: tokensKey }),
  });
}
