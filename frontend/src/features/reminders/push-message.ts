// What the service worker does with a push and with a click on its notification, as plain
// functions: sw.ts wires them to the `push` and `notificationclick` events, and the tests here
// call them with a stand-in fetch. No imports, so the service worker bundle stays small.

export type ReminderAction = "done" | "later";

export type ReminderMessage = {
  kind: "reminder";
  title: string;
  body: string;
  url: string;
  habit: { id: number; name: string; icon: string; color: string; current_streak: number };
  date: string;
  reminder_id: number;
  actions: Record<ReminderAction, string>;
  /** The buttons' words, when the server sends them in the person's language. */
  action_titles?: Partial<Record<ReminderAction, string>>;
};

export type TestMessage = { kind: "test"; title: string; body: string; url: string };

export type PushMessage = ReminderMessage | TestMessage;

/** What a notification carries in `data`: enough to act on it with no page open. */
export type NotificationData = {
  kind: PushMessage["kind"];
  url: string;
  habitId?: number;
  habitName?: string;
  date?: string;
  actions?: Partial<Record<ReminderAction, string>>;
};

export type ShownNotification = { title: string; options: NotificationOptions };

export const APP_ICON = "/icons/icon-192.png";
/** Posted by the service worker to open pages after a reminder was answered from its notification. */
export const HABITS_CHANGED = "HABITS_CHANGED";

/**
 * The service worker's own words. It has no catalogs: the page writes these, translated, into
 * the Cache API whenever its language is set (sw-texts.ts), and the worker reads them when a push
 * or a click arrives; English until a page has written them. `{name}`-style placeholders are
 * filled here; `streak` holds one template per plural category of the language.
 */
export type SwTexts = {
  locale: string;
  title: string;
  openApp: string;
  done: string;
  later: string;
  streak: Partial<Record<Intl.LDMLPluralRule, string>>;
  couldNotCheckIn: string;
  couldNotSnooze: string;
  failed: string;
  noAction: string;
  noConnection: string;
  serverProblem: string;
  cannotUse: string;
  doneTitle: string;
  laterTitle: string;
  checkedInOn: string;
  checkedInToday: string;
  remindAgain: string;
  yourHabit: string;
};

// The English of every text is also its msgid in the page's catalogs (sw-texts.ts).
/* eslint-disable lingui/no-unlocalized-strings -- the fallback: English before a page wrote the person's language */
export const ENGLISH_TEXTS: SwTexts = {
  locale: "en",
  title: "Habits",
  openApp: "Open the app to see what's new.",
  done: "Done",
  later: "Later",
  streak: { one: "Streak: {count} day", other: "Streak: {count} days" },
  couldNotCheckIn: "Could not check in {name}",
  couldNotSnooze: "Could not snooze {name}",
  failed: "{reason} Tap to open the app.",
  noAction: "This notification has no action.",
  noConnection: "No connection to the server.",
  serverProblem: "The server had a problem.",
  cannotUse: "This reminder can't be used.",
  doneTitle: "Done: {name}",
  laterTitle: "Later: {name}",
  checkedInOn: "Checked in for {day}.",
  checkedInToday: "Checked in for today.",
  remindAgain: "We'll remind you again in an hour.",
  yourHabit: "your habit",
};
/* eslint-enable lingui/no-unlocalized-strings */

/** Where the page keeps the texts for the worker (a cache entry, never fetched). */
export const SW_TEXTS_CACHE = "sw-texts";
export const SW_TEXTS_KEY = "/sw-texts.json";

/** Stored texts checked one by one; anything missing or malformed stays English. */
export function readSwTexts(value: unknown): SwTexts {
  if (!isRecord(value)) return ENGLISH_TEXTS;
  const texts: SwTexts = { ...ENGLISH_TEXTS };
  for (const key of Object.keys(ENGLISH_TEXTS) as (keyof SwTexts)[]) {
    const stored = value[key];
    if (key === "streak") {
      if (!isRecord(stored)) continue;
      const forms = Object.entries(stored).filter(([, form]) => typeof form === "string");
      if (forms.some(([category]) => category === "other")) {
        texts.streak = Object.fromEntries(forms) as SwTexts["streak"];
      }
    } else if (typeof stored === "string" && stored) {
      texts[key] = stored;
    }
  }
  try {
    new Intl.PluralRules(texts.locale);
  } catch {
    return ENGLISH_TEXTS;
  }
  return texts;
}

/** The texts the page stored last, else English. */
export async function storedSwTexts(storage: CacheStorage | undefined): Promise<SwTexts> {
  try {
    if (!storage) return ENGLISH_TEXTS;
    const cache = await storage.open(SW_TEXTS_CACHE);
    const response = await cache.match(SW_TEXTS_KEY);
    return readSwTexts(response ? await response.json() : null);
  } catch {
    return ENGLISH_TEXTS;
  }
}

/** A template with its `{placeholders}` filled. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function text(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

/** Only paths of this app are opened from a notification, never another site. */
export function safeAppPath(url: unknown): string {
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//")) return "/";
  return url;
}

/** Reads a push's JSON; anything else (or nothing) still becomes a notification, as the browser
 * requires one for every push a `userVisibleOnly` subscription receives. */
export function parsePushMessage(
  raw: string | null,
  texts: SwTexts = ENGLISH_TEXTS,
): PushMessage | null {
  if (raw === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(data)) return null;
  const title = text(data.title, texts.title);
  const body = text(data.body);
  const url = safeAppPath(data.url);
  if (data.kind === "reminder") {
    const habit = isRecord(data.habit) ? data.habit : {};
    const actions = isRecord(data.actions) ? data.actions : {};
    return {
      kind: "reminder",
      title,
      body,
      url,
      habit: {
        id: typeof habit.id === "number" ? habit.id : 0,
        name: text(habit.name),
        icon: text(habit.icon),
        color: text(habit.color),
        current_streak: typeof habit.current_streak === "number" ? habit.current_streak : 0,
      },
      date: text(data.date),
      reminder_id: typeof data.reminder_id === "number" ? data.reminder_id : 0,
      actions: { done: text(actions.done), later: text(actions.later) },
      action_titles: isRecord(data.action_titles)
        ? { done: text(data.action_titles.done), later: text(data.action_titles.later) }
        : {},
    };
  }
  return { kind: "test", title, body, url };
}

export function reminderTag(habitId: number, date: string): string {
  return `reminder-${habitId}-${date}`;
}

function streakLine(streak: number, texts: SwTexts): string {
  if (streak <= 0) return "";
  const category = new Intl.PluralRules(texts.locale).select(streak);
  const template = texts.streak[category] ?? texts.streak.other ?? "";
  return fill(template, { count: new Intl.NumberFormat(texts.locale).format(streak) });
}

/** Whether the server's body gives the streak already (in any language: its number is there). */
function mentionsStreak(body: string, streak: number, texts: SwTexts): boolean {
  return (
    /streak/i.test(body) ||
    body.includes(String(streak)) ||
    body.includes(new Intl.NumberFormat(texts.locale).format(streak))
  );
}

/** The notification a push becomes, in the words of `texts` where the server gave none. */
export function notificationFor(
  message: PushMessage | null,
  texts: SwTexts = ENGLISH_TEXTS,
): ShownNotification {
  if (message === null) {
    return {
      title: texts.title,
      options: { body: texts.openApp, icon: APP_ICON, data: { url: "/" } },
    };
  }
  if (message.kind === "test") {
    const data: NotificationData = { kind: "test", url: message.url };
    return {
      title: message.title,
      options: { body: message.body, icon: APP_ICON, badge: APP_ICON, tag: "test", data },
    };
  }
  const { habit } = message;
  // The server writes the body; the streak is added here only when it does not mention it.
  const streak = streakLine(habit.current_streak, texts);
  const body =
    streak && !mentionsStreak(message.body, habit.current_streak, texts)
      ? [message.body, streak].filter(Boolean).join("\n")
      : message.body;
  const title =
    habit.icon && !message.title.includes(habit.icon)
      ? `${habit.icon} ${message.title}`
      : message.title;
  const actions: { action: ReminderAction; title: string }[] = [];
  const titles = message.action_titles ?? {};
  if (message.actions.done) actions.push({ action: "done", title: titles.done || texts.done });
  if (message.actions.later) actions.push({ action: "later", title: titles.later || texts.later });
  const data: NotificationData = {
    kind: "reminder",
    url: message.url,
    habitId: habit.id,
    habitName: habit.name,
    date: message.date,
    actions: message.actions,
  };
  const options: NotificationOptions & {
    actions?: { action: string; title: string }[];
    renotify?: boolean;
  } = {
    body,
    icon: APP_ICON,
    badge: APP_ICON,
    // One notification per habit and day: a second reminder replaces the first, and the
    // answer to Done or Later replaces the reminder.
    tag: reminderTag(habit.id, message.date),
    // ...and still buzzes: the evening reminder must not replace the morning one silently.
    renotify: true,
    data,
    actions,
    requireInteraction: false,
  };
  return { title, options };
}

export function readNotificationData(value: unknown): NotificationData {
  if (!isRecord(value)) return { kind: "test", url: "/" };
  const actions = isRecord(value.actions) ? value.actions : {};
  return {
    kind: value.kind === "reminder" ? "reminder" : "test",
    url: safeAppPath(value.url),
    habitId: typeof value.habitId === "number" ? value.habitId : 0,
    habitName: text(value.habitName),
    date: text(value.date),
    actions: { done: text(actions.done), later: text(actions.later) },
  };
}

export type ActResult = { ok: boolean; notification: ShownNotification };

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** "Checked in for Thursday, 5 June." in the person's language. */
function checkedIn(date: string, texts: SwTexts): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (!date || Number.isNaN(parsed.getTime())) return texts.checkedInToday;
  const day = parsed.toLocaleDateString(texts.locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
  return fill(texts.checkedInOn, { day });
}

async function errorDetail(response: Response, texts: SwTexts): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown };
    if (typeof body.detail === "string" && body.detail) return body.detail;
  } catch {
    // Not JSON: the status says enough.
  }
  return response.status >= 500 ? texts.serverProblem : texts.cannotUse;
}

/**
 * Answers a reminder's Done or Later: the signed single-use token in the notification is the
 * only credential (no session cookie, no CSRF token), so it works with the app closed.
 */
export async function actOnReminder(
  action: ReminderAction,
  data: NotificationData,
  fetcher: FetchLike,
  texts: SwTexts = ENGLISH_TEXTS,
): Promise<ActResult> {
  const name = data.habitName || texts.yourHabit;
  const token = data.actions?.[action];
  const base: NotificationOptions = {
    icon: APP_ICON,
    badge: APP_ICON,
    // The answer takes the reminder's place.
    tag: data.habitId ? reminderTag(data.habitId, data.date ?? "") : undefined,
    data: { kind: "test", url: data.url } satisfies NotificationData,
  };
  const failed = (body: string): ActResult => ({
    ok: false,
    notification: {
      title: fill(action === "done" ? texts.couldNotCheckIn : texts.couldNotSnooze, { name }),
      options: { ...base, body: fill(texts.failed, { reason: body }) },
    },
  });
  if (!token) return failed(texts.noAction);
  let response: Response;
  try {
    response = await fetcher("/api/reminders/act", {
      method: "POST",
      credentials: "omit",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        // The server's error messages in the person's language, not the browser's.
        "Accept-Language": texts.locale,
      },
      body: JSON.stringify({ token }),
    });
  } catch {
    return failed(texts.noConnection);
  }
  if (!response.ok) return failed(await errorDetail(response, texts));
  return {
    ok: true,
    notification:
      action === "done"
        ? {
            title: fill(texts.doneTitle, { name }),
            options: { ...base, body: checkedIn(data.date ?? "", texts), silent: true },
          }
        : {
            title: fill(texts.laterTitle, { name }),
            options: { ...base, body: texts.remindAgain, silent: true },
          },
  };
}

/**
 * Tells the server about a subscription the browser renewed by itself (pushsubscriptionchange),
 * with the session of the person signed in here; false when there is none or the server says no.
 */
export async function saveRenewedSubscription(
  subscription: PushSubscriptionJSON,
  fetcher: FetchLike,
): Promise<boolean> {
  try {
    const csrf = await fetcher("/api/auth/csrf", {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    if (!csrf.ok) return false;
    const { csrf_token: token } = (await csrf.json()) as { csrf_token?: unknown };
    if (typeof token !== "string") return false;
    const response = await fetcher("/api/push/subscriptions", {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-CSRFToken": token,
      },
      body: JSON.stringify(subscription),
    });
    return response.ok;
  } catch {
    return false;
  }
}
