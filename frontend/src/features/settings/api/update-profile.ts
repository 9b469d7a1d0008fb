import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Locale } from "@/lib/i18n";
import type { User } from "@/types/api";

export type ProfileInput = Partial<Pick<User, "timezone" | "day_start_hour" | "week_start">> & {
  language?: Locale;
};

export function updateProfile(input: ProfileInput): Promise<User> {
  return dataOf(client.PATCH("/api/auth/me", { body: input }));
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    onSuccess: (user) => {
      queryClient.setQueryData(queryKeys.me, user);
      // Today and every statistic depend on where the user's day begins.
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.statsAll });
    },
  });
}
