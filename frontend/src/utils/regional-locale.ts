import { activeLocale, type Locale } from "@/lib/i18n";

/**
 * The language on screen with the browser's region when the browser speaks the same language
 * ("en" with "en-GB" → "en-GB", "ar" with "ar-EG" → "ar-EG"; "de" with "en-US" stays "de"), for
 * conventions that follow the region rather than the language: the first day of the week and
 * the 12- or 24-hour clock.
 */
export function withBrowserRegion(locale: Locale, browserLanguage: string | undefined): string {
  if (locale.includes("-") || !browserLanguage) return locale;
  const [language] = browserLanguage.split("-");
  return language?.toLowerCase() === locale ? browserLanguage : locale;
}

/** The active language with this browser's region (see withBrowserRegion). */
export function regionalLocale(): string {
  const browser = typeof navigator === "undefined" ? undefined : navigator.language;
  return withBrowserRegion(activeLocale(), browser);
}
