import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
// zod/mini, not zod: the screens before signing in load this, and the full API would add
// about 10 kB to the login screen's JavaScript (the wire budget, e2e/test_wire_budget.py).
import * as z from "zod/mini";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedIn } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";
import { activeLocale, localeWeekStart, type Locale } from "@/lib/i18n";
import type { User } from "@/types/api";
import { regionalLocale } from "@/utils/regional-locale";

export const registerInputSchema = z.object({
  email: z.email({ error: () => t`Enter a valid email address.` }),
  password: z.string().check(z.minLength(8, { error: () => t`Use at least 8 characters.` })),
  timezone: z.string().check(z.minLength(1, { error: () => t`Choose a timezone.` })),
});

export type RegisterInput = z.infer<typeof registerInputSchema> & {
  language?: Locale;
  week_start?: number;
};

/** The language and first weekday a new account starts with (both changeable in Settings). */
export function localePreferences(): { language: Locale; week_start: number } {
  // The region decides the week: English in the United States starts on Sunday, in Britain on
  // Monday; Arabic in Egypt on Saturday.
  return { language: activeLocale(), week_start: localeWeekStart(regionalLocale()) };
}

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
