import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { authClient, dataOf, resetCsrfToken } from "@/lib/api-client";
import { markSignedIn } from "@/lib/auth";
import { queryKeys } from "@/lib/query-keys";
import { activeLocale, localeWeekStart, type Locale } from "@/lib/i18n";
import type { User } from "@/types/api";

export const registerInputSchema = z.object({
  email: z.email({ error: () => t`Enter a valid email address.` }),
  password: z.string().min(8, { error: () => t`Use at least 8 characters.` }),
  timezone: z.string().min(1, { error: () => t`Choose a timezone.` }),
});

export type RegisterInput = z.infer<typeof registerInputSchema> & {
  language?: Locale;
  week_start?: number;
};

/**
 * The tag whose week data decides the new account's first day of the week: the language on
 * screen, with the browser's region when the browser speaks the same language ("en" with
 * "en-US" → Sunday, "ar" with "ar-EG" → Saturday, "de" with "de-DE" → Monday).
 */
export function weekStartTag(locale: Locale, browserLanguage: string | undefined): string {
  if (locale.includes("-") || !browserLanguage) return locale;
  const [language] = browserLanguage.split("-");
  return language?.toLowerCase() === locale ? browserLanguage : locale;
}

/** The language and first weekday a new account starts with (both changeable in Settings). */
export function localePreferences(): { language: Locale; week_start: number } {
  const language = activeLocale();
  const browser = typeof navigator === "undefined" ? undefined : navigator.language;
  return { language, week_start: localeWeekStart(weekStartTag(language, browser)) };
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
