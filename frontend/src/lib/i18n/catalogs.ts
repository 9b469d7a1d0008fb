import { i18n, type Messages } from "@lingui/core";
import { directionOf, isLocale, matchLocale, type Locale } from "./locales";

// Every catalog of every language, each its own chunk: only the active language's are fetched
// (the first screen's JavaScript budget holds in every language), and the service worker
// precaches them all, so a language can be switched offline.
const catalogs = import.meta.glob<{ messages: Messages }>("../../locales/*/*.po");

/** The catalogs' areas (lingui.config.ts). Screens before signing in need only "core". */
export type Area = "core" | "habits" | "days" | "integrations";
export const ALL_AREAS: readonly Area[] = ["core", "habits", "days", "integrations"];

// The areas the app has asked for so far; a change of language loads these in the new one.
const wanted = new Set<Area>(["core"]);
let allAreas: Promise<void> | null = null;
let allAreasDone = false;

/** Whether every area's catalogs are loaded (then signed-in screens render at once). */
export function allAreasLoaded(): boolean {
  return allAreasDone;
}

const STORAGE_KEY = "language";

/** The language chosen on this device before, else the browser's, else English. */
export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage blocked: the browser's languages still apply.
  }
  const languages = typeof navigator === "undefined" ? [] : navigator.languages;
  return matchLocale(languages?.length ? languages : [navigator.language ?? "en"]);
}

/** The messages of a language's catalogs, every area's unless some are named. */
export async function loadMessages(
  locale: Locale,
  areas: Iterable<Area> = ALL_AREAS,
): Promise<Messages> {
  const loaders = [...areas].flatMap(
    (area) => catalogs[`../../locales/${locale}/${area}.po`] ?? [],
  );
  const loaded = await Promise.all(loaders.map((load) => load()));
  return Object.assign({}, ...loaded.map((module) => module.messages)) as Messages;
}

/**
 * Every area's catalogs in the active language, loaded once (the signed-in screens call this
 * before rendering; the login screens make do with "core", a third of the bytes).
 */
export function loadAllAreas(): Promise<void> {
  allAreas ??= (async () => {
    const locale = activeLocale();
    const missing = ALL_AREAS.filter((area) => !wanted.has(area));
    missing.forEach((area) => wanted.add(area));
    const messages = await loadMessages(locale, missing);
    // A language chosen meanwhile has loaded every wanted area itself.
    if (i18n.locale === locale) i18n.load(locale, messages);
    allAreasDone = true;
  })();
  return allAreas;
}

/**
 * Load a language's catalogs and switch the app to it: the page's lang and dir follow, so the
 * layout runs right to left for Arabic, and the choice is remembered on this device.
 */
export async function activateLocale(locale: Locale): Promise<void> {
  if (i18n.locale !== locale) {
    i18n.loadAndActivate({ locale, messages: await loadMessages(locale, wanted) });
  }
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/**
 * The tag to format dates and numbers with: the active language with the region of the first
 * browser language that is the same language ("en" and an en-GB browser → "en-GB": "1 December",
 * a 24-hour clock), else the language alone ("de" in an en-US browser stays "de").
 */
export function formattingLocale(): string {
  const locale = activeLocale();
  if (locale.includes("-") || typeof navigator === "undefined") return locale;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const regional = languages.find((tag) => tag?.split("-")[0]?.toLowerCase() === locale);
  return regional && regional.includes("-") ? regional : locale;
}

/** The active language (English before any catalog is loaded, as in unit tests). */
export function activeLocale(): Locale {
  return isLocale(i18n.locale) ? i18n.locale : "en";
}
