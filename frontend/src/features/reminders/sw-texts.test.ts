import { i18n } from "@lingui/core";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import {
  actOnReminder,
  ENGLISH_TEXTS,
  notificationFor,
  parsePushMessage,
  readSwTexts,
  storedSwTexts,
} from "./push-message";
import { storeSwTexts, swTexts } from "./sw-texts";

/** A CacheStorage holding responses in memory, as the page and the worker share it. */
function memoryCaches(): CacheStorage {
  const stores = new Map<string, Map<string, Response>>();
  return {
    open: async (name: string) => {
      const store = stores.get(name) ?? new Map<string, Response>();
      stores.set(name, store);
      return {
        put: async (key: string, response: Response) => void store.set(key, response),
        match: async (key: string) => store.get(key)?.clone(),
      } as unknown as Cache;
    },
  } as unknown as CacheStorage;
}

const reminder = (streak: number, body = "") =>
  JSON.stringify({
    kind: "reminder",
    title: "Lesen",
    body,
    url: "/habits/7",
    habit: { id: 7, name: "Lesen", icon: "", color: "#2f7d5b", current_streak: streak },
    date: "2025-06-05",
    reminder_id: 3,
    actions: { done: "d", later: "l" },
  });

describe("the service worker's own words", () => {
  it("are English until a page has stored its language", async () => {
    expect(await storedSwTexts(undefined)).toBe(ENGLISH_TEXTS);
    expect(await storedSwTexts(memoryCaches())).toEqual(ENGLISH_TEXTS);
    expect(notificationFor(null).title).toBe("Habits");
  });

  it("reach the worker in German through the cache the page writes", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    const caches = memoryCaches();
    await storeSwTexts(caches);
    const texts = await storedSwTexts(caches);
    expect(texts.locale).toBe("de");
    expect(texts.streak).toEqual({ one: "Serie: {count} Tag", other: "Serie: {count} Tage" });

    const fallback = notificationFor(null, texts);
    expect(fallback.title).toBe("Gewohnheiten");
    expect(fallback.options.body).toBe("Öffne die App, um zu sehen, was es Neues gibt.");

    const shown = notificationFor(parsePushMessage(reminder(4, "Zeit zum Lesen"), texts), texts);
    expect(shown.options.body).toBe("Zeit zum Lesen\nSerie: 4 Tage");
    const actions = (shown.options as { actions?: { title: string }[] }).actions;
    expect(actions?.map((a) => a.title)).toEqual(["Erledigt", "Später"]);

    const offline = await actOnReminder(
      "done",
      { kind: "reminder", url: "/", habitId: 7, habitName: "Lesen", actions: { done: "d" } },
      () => Promise.reject(new Error("offline")),
      texts,
    );
    expect(offline.notification.title).toBe("Lesen konnte nicht abgehakt werden");
    expect(offline.notification.options.body).toBe(
      "Keine Verbindung zum Server. Tippe, um die App zu öffnen.",
    );
  });

  it("give the streak in each of Arabic's plural forms, leaving out one the server already gave", async () => {
    i18n.loadAndActivate({ locale: "ar", messages: await loadMessages("ar") });
    const texts = readSwTexts(JSON.parse(JSON.stringify(swTexts())));
    expect(Object.keys(texts.streak).sort()).toEqual(
      ["few", "many", "one", "other", "two", "zero"].sort(),
    );
    const n = (value: number) => new Intl.NumberFormat("ar").format(value);
    const body = (streak: number) =>
      notificationFor(parsePushMessage(reminder(streak), texts), texts).options.body;
    expect(body(1)).toBe("السلسلة: يوم واحد");
    expect(body(2)).toBe("السلسلة: يومان");
    expect(body(3)).toBe(`السلسلة: ${n(3)} أيام`);
    expect(body(11)).toBe(`السلسلة: ${n(11)} يومًا`);
    expect(body(100)).toBe(`السلسلة: ${n(100)} يوم`);
    const given = `حافظ على سلسلتك الممتدة ${n(5)} أيام.`;
    expect(notificationFor(parsePushMessage(reminder(5, given), texts), texts).options.body).toBe(
      given,
    );
  });

  it("keep the server's own button words when it sends them", () => {
    const message = parsePushMessage(
      JSON.stringify({
        ...JSON.parse(reminder(0)),
        action_titles: { done: "Fertig", later: "Nachher" },
      }),
    );
    const actions = (notificationFor(message).options as { actions?: { title: string }[] }).actions;
    expect(actions?.map((a) => a.title)).toEqual(["Fertig", "Nachher"]);
  });
});
