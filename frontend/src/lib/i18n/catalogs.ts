import { i18n, type Messages } from "@lingui/core";
import { directionOf, isLocale, matchLocale, type Locale } from "./locales";

// Every catalog of every language, each its own chunk: only the active language's are fetched
// (the first screen's JavaScript budget holds in every language), and the service worker
// precaches them all, so a language can be switched offline.
const catalogs = import.meta.glob<{ messages: Messages }>("../../locales/*/*.po");

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

export async function loadMessages(locale: Locale): Promise<Messages> {
  const wanted = Object.entries(catalogs).filter(([path]) => path.includes(`/${locale}/`));
  const loaded = await Promise.all(wanted.map(([, load]) => load()));
  return Object.assign({}, ...loaded.map((module) => module.messages)) as Messages;
}

/**
 * Load a language's catalogs and switch the app to it: the page's lang and dir follow, so the
 * layout runs right to left for Arabic, and the choice is remembered on this device.
 */
export async function activateLocale(locale: Locale): Promise<void> {
  if (i18n.locale !== locale) {
    i18n.loadAndActivate({ locale, messages: await loadMessages(locale) });
  }
  document.documentElement.lang = locale;
  document.documentElement.dir = directionOf(locale);
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

/** The active language (English before any catalog is loaded, as in unit tests). */
export function activeLocale(): Locale {
  return isLocale(i18n.locale) ? i18n.locale : "en";
}
