import { focusHeading } from "@/lib/focus";

const GIVE_UP_MS = 5000;

/** The heading of the page a sign-in form is on, to tell the next page's heading from it. */
export function currentPageHeading(): Element | null {
  return document.querySelector("#main h1");
}

/**
 * Signing in swaps the public layout for the app's own, whose route focus
 * takes its first page for the browser's first load and leaves focus alone;
 * the form that had it is gone, so it would drop to the page body. Move it to
 * the next page's heading instead, as every other route change does, waiting
 * for a page that loads its heading with its data.
 */
export function focusNextPageHeading(previous: Element | null): void {
  if (!previous) return;
  const tryFocus = () => {
    const heading = document.querySelector<HTMLElement>("#main h1");
    if (!heading || heading === previous) return false;
    focusHeading(heading);
    return true;
  };
  if (tryFocus()) return;
  const observer = new MutationObserver(() => {
    if (!tryFocus()) return;
    observer.disconnect();
    window.clearTimeout(timer);
  });
  const timer = window.setTimeout(() => observer.disconnect(), GIVE_UP_MS);
  observer.observe(document.body, { childList: true, subtree: true });
}
