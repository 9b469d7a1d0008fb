/**
 * Move focus to a heading (or any element) from a script without adding it
 * to the tab order, so that keyboard and screen reader users land on new
 * content instead of the page body.
 */
export function focusHeading(element: HTMLElement | null, { scroll = false } = {}): void {
  if (!element) return;
  if (!element.hasAttribute("tabindex")) element.setAttribute("tabindex", "-1");
  element.focus({ preventScroll: !scroll });
  // Optional call: jsdom has no scrollIntoView.
  if (scroll) element.scrollIntoView?.({ block: "start" });
}
