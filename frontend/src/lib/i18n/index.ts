export { activateLocale, activeLocale, initialLocale, loadMessages } from "./catalogs";
export { formatList, formatNumber, formatPercent } from "./format";
export {
  LOCALES,
  SOURCE_LOCALE,
  directionOf,
  isLocale,
  localeWeekStart,
  matchLocale,
  type Locale,
} from "./locales";
