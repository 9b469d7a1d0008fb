export {
  ALL_AREAS,
  activateLocale,
  allAreasLoaded,
  formattingLocale,
  activeLocale,
  initialLocale,
  loadAllAreas,
  loadMessages,
  type Area,
} from "./catalogs";
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
