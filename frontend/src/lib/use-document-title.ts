import { useLingui } from "@lingui/react/macro";
import { useEffect } from "react";

export function useDocumentTitle(title: string): void {
  const { t } = useLingui();
  const full = title ? t`${title} · Habits` : t`Habits`;
  useEffect(() => {
    document.title = full;
  }, [full]);
}
