import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { RouterProvider } from "react-router/dom";
import { ToastProvider } from "@/components/toast-provider";
import { setUnauthorizedHandler } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import { createQueryClient } from "@/lib/query-client";
import { listenForReminderAnswers } from "@/features/reminders/answers";
import { createAppRouter } from "./router";

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);

  useEffect(() => {
    // A 401 anywhere means the session ended: forget the user and go to login.
    setUnauthorizedHandler(() => {
      queryClient.setQueryData(queryKeys.me, null);
      const { pathname, search } = router.state.location;
      void router.navigate(`/login?next=${encodeURIComponent(pathname + search)}`, {
        replace: true,
      });
    });
    return () => setUnauthorizedHandler(null);
  }, [queryClient, router]);

  // Done or Later tapped on a notification while the app is open: show the new state.
  useEffect(
    () => listenForReminderAnswers(() => void queryClient.invalidateQueries()),
    [queryClient],
  );

  return (
    <I18nProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
