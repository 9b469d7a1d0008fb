// The languages the app ships in (lingui.config.ts lists the same), each named in itself so a
// person finds their own language whatever language the screen is in.
export const LOCALES = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  // eslint-disable-next-line lingui/no-unlocalized-strings -- a language's own name, never translated
  es: "Español",
  "pt-BR": "Português (Brasil)",
  ar: "العربية",
} as const;

export type Locale = keyof typeof LOCALES;

export const SOURCE_LOCALE: Locale = "en";

const RIGHT_TO_LEFT = new Set<Locale>(["ar"]);

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && Object.hasOwn(LOCALES, value);
}

export function directionOf(locale: Locale): "ltr" | "rtl" {
  return RIGHT_TO_LEFT.has(locale) ? "rtl" : "ltr";
}

/**
 * The first of the browser's languages we have, by exact tag and then by language alone
 * ("de-AT" → de, "pt-PT" → pt-BR, "ar-EG" → ar); English when none matches.
 */
export function matchLocale(candidates: readonly string[]): Locale {
  const ours = Object.keys(LOCALES) as Locale[];
  for (const candidate of candidates) {
    const exact = ours.find((locale) => locale.toLowerCase() === candidate.toLowerCase());
    if (exact) return exact;
    const language = candidate.split("-")[0]?.toLowerCase();
    const sameLanguage = ours.find((locale) => locale.split("-")[0] === language);
    if (sameLanguage) return sameLanguage;
  }
  return SOURCE_LOCALE;
}

/**
 * The locale's first day of the week as the API counts it (0 = Monday … 6 = Sunday), from
 * Intl's week data where the browser has it; otherwise from the region (CLDR's territories
 * that start on Sunday or Saturday among the ones our languages name), else Monday.
 */
export function localeWeekStart(tag: string): number {
  try {
    const intlLocale = new Intl.Locale(tag).maximize() as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = intlLocale.getWeekInfo?.() ?? intlLocale.weekInfo;
    if (info) return (info.firstDay + 6) % 7;
    const region = intlLocale.region ?? "";
    if (SATURDAY_REGIONS.has(region)) return 5;
    if (SUNDAY_REGIONS.has(region)) return 6;
  } catch {
    // An invalid tag: fall through to Monday.
  }
  return 0;
}

const SUNDAY_REGIONS = new Set(["US", "CA", "BR", "MX", "JP", "IL", "PH", "SA", "YE", "PE"]);
const SATURDAY_REGIONS = new Set([
  "EG",
  "AE",
  "BH",
  "DZ",
  "IQ",
  "JO",
  "KW",
  "LY",
  "OM",
  "QA",
  "SD",
  "SY",
]);
