import { useEffect, useRef, useState } from "react";

/**
 * The rendered width of an element, so an SVG chart can draw at real pixels
 * (text keeps its size at 360 px and at 1440 px). Falls back to `initial`
 * where ResizeObserver is missing, as in jsdom.
 */
export function useElementWidth<T extends HTMLElement>(initial = 600) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const next = Math.round(entry?.contentRect.width ?? 0);
      if (next > 0) setWidth(next);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}
