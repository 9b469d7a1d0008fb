import { formattingLocale } from "./catalogs";

// Numbers and percentages in the active language's conventions ("1.234,5", "87 %", "٨٧٪").
// Dates go through utils/dates.ts, which reads the same locale.

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(formattingLocale(), options).format(value);
}

/** A share from 0 to 1 as a whole percentage, e.g. 0.873 → "87%" (or "87 %" in French). */
export function formatPercent(share: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(formattingLocale(), {
    style: "percent",
    maximumFractionDigits: 0,
    ...options,
  }).format(share);
}

/** A list of names in the language's way of joining them ("a, b and c", "a, b et c"). */
export function formatList(items: readonly string[]): string {
  return new Intl.ListFormat(formattingLocale(), { style: "long", type: "conjunction" }).format(
    items,
  );
}
