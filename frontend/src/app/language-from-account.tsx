import { useEffect } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { authClient, dataOf } from "@/lib/api-client";
import { useUser } from "@/lib/auth";
import { activateLocale, activeLocale, isLocale } from "@/lib/i18n";
import { queryKeys } from "@/lib/query-keys";

/**
 * The account remembers the language: once signed in, the account's language wins on every
 * device, and an account that never chose one takes the language this device shows. Rendered by
 * the signed-in layout, which re-renders with the user after every login (the query cache is
 * cleared then, so an observer mounted above the router would not see the new user).
 */
export function LanguageFromAccount() {
  const { data: user } = useUser();
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!user) return;
    if (isLocale(user.language)) {
      if (user.language !== activeLocale()) void activateLocale(user.language);
      return;
    }
    void dataOf(authClient.PATCH("/api/auth/me", { body: { language: activeLocale() } }))
      .then((updated) => queryClient.setQueryData(queryKeys.me, updated))
      .catch(() => {
        // Offline or refused: the device's choice still applies, and the next visit asks again.
      });
  }, [user, queryClient]);

  return null;
}
