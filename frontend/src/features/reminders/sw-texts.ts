// The page's half of the service worker's words: the worker has no catalogs, so whenever the
// language is set the page writes the translated texts into the Cache API, where the worker
// reads them when a push or a notification click arrives (push-message.ts: storedSwTexts).
import { i18n } from "@lingui/core";
import { plural, t } from "@lingui/core/macro";
import { SW_TEXTS_CACHE, SW_TEXTS_KEY, type SwTexts } from "./push-message";

/**
 * "Streak: {count} days" for each plural category of the language: each form is rendered for a
 * number of its category, and the number becomes the worker's `{count}` again.
 */
function streakForms(locale: string): SwTexts["streak"] {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const forms: SwTexts["streak"] = {};
  for (const category of rules.resolvedOptions().pluralCategories) {
    const sample = Array.from({ length: 201 }, (_, n) => n).find(
      (n) => rules.select(n) === category,
    );
    if (sample === undefined) continue;
    const rendered = plural(sample, { one: "Streak: # day", other: "Streak: # days" });
    const formatted = numbers.format(sample);
    const shown = rendered.includes(formatted) ? formatted : String(sample);
    forms[category] = rendered.split(shown).join("{count}");
  }
  return forms;
}

/** The service worker's texts in the active language; `{name}`-style placeholders stay. */
export function swTexts(): SwTexts {
  // The worker fills the placeholders; here they are plain text in each message.
  const name = "{name}";
  const reason = "{reason}";
  const day = "{day}";
  return {
    locale: i18n.locale || "en",
    title: t`Habits`,
    openApp: t`Open the app to see what's new.`,
    done: t`Done`,
    later: t`Later`,
    streak: streakForms(i18n.locale || "en"),
    couldNotCheckIn: t`Could not check in ${name}`,
    couldNotSnooze: t`Could not snooze ${name}`,
    failed: t`${reason} Tap to open the app.`,
    noAction: t`This notification has no action.`,
    noConnection: t`No connection to the server.`,
    serverProblem: t`The server had a problem.`,
    cannotUse: t`This reminder can't be used.`,
    doneTitle: t`Done: ${name}`,
    laterTitle: t`Later: ${name}`,
    checkedInOn: t`Checked in for ${day}.`,
    checkedInToday: t`Checked in for today.`,
    remindAgain: t`We'll remind you again in an hour.`,
    yourHabit: t`your habit`,
  };
}

/** Writes the texts for the worker; where the Cache API is missing, the worker stays English. */
export async function storeSwTexts(storage: CacheStorage | undefined = globalThis.caches) {
  if (!storage) return;
  try {
    const cache = await storage.open(SW_TEXTS_CACHE);
    await cache.put(
      SW_TEXTS_KEY,
      new Response(JSON.stringify(swTexts()), {
        headers: { "Content-Type": "application/json" },
      }),
    );
  } catch {
    // Storage full or blocked: the worker keeps the texts it had.
  }
}

/** Stores the texts now and again on every change of language; returns how to stop. */
export function keepSwTextsInLanguage(): () => void {
  if (i18n.locale) void storeSwTexts();
  return i18n.on("change", () => void storeSwTexts());
}
