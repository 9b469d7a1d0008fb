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
const FALLBACK_TITLE = "Habits";

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
export function parsePushMessage(raw: string | null): PushMessage | null {
  if (raw === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(data)) return null;
  const title = text(data.title, FALLBACK_TITLE);
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
    };
  }
  return { kind: "test", title, body, url };
}

export function reminderTag(habitId: number, date: string): string {
  return `reminder-${habitId}-${date}`;
}

function streakLine(streak: number): string {
  if (streak <= 0) return "";
  return streak === 1 ? "Streak: 1 day" : `Streak: ${streak} days`;
}

/** The notification a push becomes. */
export function notificationFor(message: PushMessage | null): ShownNotification {
  if (message === null) {
    return {
      title: FALLBACK_TITLE,
      options: { body: "Open the app to see what's new.", icon: APP_ICON, data: { url: "/" } },
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
  const streak = streakLine(habit.current_streak);
  const body =
    streak && !/streak/i.test(message.body)
      ? [message.body, streak].filter(Boolean).join("\n")
      : message.body;
  const title =
    habit.icon && !message.title.includes(habit.icon)
      ? `${habit.icon} ${message.title}`
      : message.title;
  const actions: { action: ReminderAction; title: string }[] = [];
  if (message.actions.done) actions.push({ action: "done", title: "Done" });
  if (message.actions.later) actions.push({ action: "later", title: "Later" });
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

function formatDay(date: string): string {
  const parsed = new Date(`${date}T12:00:00Z`);
  if (!date || Number.isNaN(parsed.getTime())) return "today";
  return parsed.toLocaleDateString(undefined, {
    weekday: "long",
    day: "numeric",
    month: "long",
    timeZone: "UTC",
  });
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { detail?: unknown };
    if (typeof body.detail === "string" && body.detail) return body.detail;
  } catch {
    // Not JSON: the status says enough.
  }
  return response.status >= 500 ? "The server had a problem." : "This reminder can't be used.";
}

/**
 * Answers a reminder's Done or Later: the signed single-use token in the notification is the
 * only credential (no session cookie, no CSRF token), so it works with the app closed.
 */
export async function actOnReminder(
  action: ReminderAction,
  data: NotificationData,
  fetcher: FetchLike,
): Promise<ActResult> {
  const name = data.habitName || "your habit";
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
      title: action === "done" ? `Could not check in ${name}` : `Could not snooze ${name}`,
      options: { ...base, body: `${body} Tap to open the app.` },
    },
  });
  if (!token) return failed("This notification has no action.");
  let response: Response;
  try {
    response = await fetcher("/api/reminders/act", {
      method: "POST",
      credentials: "omit",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ token }),
    });
  } catch {
    return failed("No connection to the server.");
  }
  if (!response.ok) return failed(await errorDetail(response));
  const when = formatDay(data.date ?? "");
  return {
    ok: true,
    notification:
      action === "done"
        ? {
            title: `Done: ${name}`,
            options: { ...base, body: `Checked in for ${when}.`, silent: true },
          }
        : {
            title: `Later: ${name}`,
            options: { ...base, body: "We'll remind you again in an hour.", silent: true },
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
