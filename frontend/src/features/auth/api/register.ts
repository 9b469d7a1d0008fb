import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedIn } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";
import type { User } from "@/types/api";

export const registerInputSchema = z.object({
  email: z.email("Enter a valid email address."),
  password: z.string().min(8, "Use at least 8 characters."),
  timezone: z.string().min(1, "Choose a timezone."),
});

export type RegisterInput = z.infer<typeof registerInputSchema>;

export function register(input: RegisterInput): Promise<User> {
  return dataOf(authClient.POST("/api/auth/register", { body: input }));
}

export function useRegister() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: register,
    onSuccess: (user) => {
      resetCsrfToken();
      markSignedIn();
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, user);
    },
  });
}
