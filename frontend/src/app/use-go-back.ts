import { useCallback } from "react";
import { useLocation, useNavigate } from "react-router";

/**
 * Return to the screen the person came from (the habit they were looking at,
 * the list, Today), or to `fallback` when this page was opened directly and
 * there is nothing in the app to go back to.
 */
export function useGoBack(fallback: string): () => void {
  const navigate = useNavigate();
  // React Router gives the first entry of a session the key "default".
  const cameFromApp = useLocation().key !== "default";
  return useCallback(() => {
    if (cameFromApp) void navigate(-1);
    else void navigate(fallback, { replace: true });
  }, [cameFromApp, fallback, navigate]);
}
