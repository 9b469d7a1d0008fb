// Browsers list time zones by CLDR's identifiers, which keep names the IANA
// database has since renamed: Chromium offers "Asia/Calcutta" and
// "Europe/Kiev", and reports them as the browser's own zone. People look for
// the current names, so the list shows those; an old name is still accepted
// (it is the same zone) and is shown under its current name.

/** Old IANA names a browser may still use, and the name each has today. */
/* eslint-disable lingui/no-unlocalized-strings -- IANA zone identifiers, the same in every language */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};
/* eslint-enable lingui/no-unlocalized-strings */

/** The current IANA name of a zone ("Asia/Calcutta" → "Asia/Kolkata"). */
export function currentZoneName(zone: string): string {
  return RENAMED_ZONES[zone] ?? zone;
}

function browserZones(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? intl.supportedValuesOf("timeZone") : [];
  } catch {
    return [];
  }
}

/**
 * The zones to offer, by current name, sorted, with UTC and `keep` (a value
 * already saved, which must stay selectable even when the browser does not
 * know it) included.
 */
export function timezoneOptions(keep = "", zones: string[] = browserZones()): string[] {
  const names = new Set(zones.map(currentZoneName));
  names.add("UTC");
  if (keep) names.add(currentZoneName(keep));
  return [...names].sort((a, b) => (a === "UTC" ? -1 : b === "UTC" ? 1 : a.localeCompare(b)));
}
