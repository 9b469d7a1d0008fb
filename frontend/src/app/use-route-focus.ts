import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { focusHeading } from "@/lib/focus";

const GIVE_UP_MS = 5000;

/**
 * After a route change, move focus to the new page's heading (or to the
 * element a #hash names), so that keyboard and screen reader users start on
 * the new content instead of the page body. The page's first load keeps the
 * browser's own focus. Pages that load their heading with their data (a
 * habit's name) are watched until it appears.
 */
export function useRouteFocus(): void {
  const { pathname, hash } = useLocation();
  const firstLoad = useRef(true);

  useEffect(() => {
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    const main = document.getElementById("main");
    if (!main) return;
    const find = () =>
      (hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null) ??
      main.querySelector<HTMLElement>("h1");
    const tryFocus = () => {
      const target = find();
      if (!target) return false;
      focusHeading(target, { scroll: Boolean(hash) });
      return true;
    };
    if (tryFocus()) return;
    const observer = new MutationObserver(() => {
      if (tryFocus()) observer.disconnect();
    });
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => observer.disconnect(), GIVE_UP_MS);
    return () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [pathname, hash]);
}
