import { useMutation, useQueryClient } from "@tanstack/react-query";
import { t } from "@lingui/core/macro";
import { z } from "zod";
import { client, dataOf } from "@/lib/api-client";
import { EVENT_TYPES, webhooksKey, type CreatedWebhook } from "./types";

// Messages are functions so that they are read in the active language when a form is checked.
export const createWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, { error: () => t`Enter the address events are sent to.` })
    .max(2048, { error: () => t`Use at most 2048 characters.` })
    .refine((value) => /^https?:\/\//i.test(value), {
      error: () => t`Start it with https://`,
    }),
  events: z.array(z.enum(EVENT_TYPES)).min(1, { error: () => t`Pick at least one event.` }),
});

export type CreateWebhookInput = z.infer<typeof createWebhookSchema>;

export function createWebhook(input: CreateWebhookInput): Promise<CreatedWebhook> {
  return dataOf(client.POST("/api/webhooks", { body: input }));
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhooksKey }),
  });
}
