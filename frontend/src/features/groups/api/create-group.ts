// Messages are functions, so each is translated into the language active at validation.
import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, GroupInput } from "@/types/api";

export const groupSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: () => t`Give the group a name.` })
    .max(100, { error: () => t`At most 100 characters.` }),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: () => t`Pick a colour.` }),
  icon: z
    .string()
    .trim()
    .max(8, { error: () => t`One emoji or a few letters at most.` }),
});

export function createGroup(input: GroupInput): Promise<Group> {
  return dataOf(client.POST("/api/groups", { body: input }));
}

export function useCreateGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createGroup,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
