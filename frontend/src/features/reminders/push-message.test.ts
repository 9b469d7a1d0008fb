import { describe, expect, it, vi } from "vitest";
import {
  actOnReminder,
  APP_ICON,
  notificationFor,
  parsePushMessage,
  readNotificationData,
  safeAppPath,
  saveRenewedSubscription,
  type NotificationData,
} from "./push-message";

const reminder = {
  kind: "reminder",
  title: "Read",
  body: "Time for Read",
  url: "/habits/7",
  habit: { id: 7, name: "Read", icon: "📚", color: "#2f7d5b", current_streak: 4 },
  date: "2026-12-02",
  reminder_id: 3,
  actions: { done: "done-token", later: "later-token" },
};

function shown(raw: unknown) {
  return notificationFor(parsePushMessage(JSON.stringify(raw)));
}

describe("a reminder push", () => {
  it("shows the habit's icon and name, its streak, and Done and Later", () => {
    const { title, options } = shown(reminder);
    expect(title).toBe("📚 Read");
    expect(options.body).toBe("Time for Read\nStreak: 4 days");
    expect(options.icon).toBe(APP_ICON);
    expect((options as { actions: unknown }).actions).toEqual([
      { action: "done", title: "Done" },
      { action: "later", title: "Later" },
    ]);
    expect(options.tag).toBe("reminder-7-2026-12-02");
    expect(options).toMatchObject({ renotify: true });
    expect(options.data).toMatchObject({
      kind: "reminder",
      url: "/habits/7",
      habitId: 7,
      habitName: "Read",
      date: "2026-12-02",
      actions: { done: "done-token", later: "later-token" },
    });
  });

  it("leaves the streak out when the server's body already gives it or there is none", () => {
    expect(shown({ ...reminder, body: "Read: streak 4" }).options.body).toBe("Read: streak 4");
    const fresh = { ...reminder, habit: { ...reminder.habit, current_streak: 0 } };
    expect(shown(fresh).options.body).toBe("Time for Read");
  });

  it("offers only the actions it has a token for", () => {
    const { options } = shown({ ...reminder, actions: { done: "done-token" } });
    expect((options as { actions: unknown }).actions).toEqual([{ action: "done", title: "Done" }]);
  });
});

describe("other pushes", () => {
  it("shows a test push with its title and body and no actions", () => {
    const { title, options } = shown({ kind: "test", title: "It works", body: "Hi", url: "/x" });
    expect(title).toBe("It works");
    expect(options.body).toBe("Hi");
    expect(options.data).toEqual({ kind: "test", url: "/x" });
  });

  it("still shows a notification for an empty or unreadable push", () => {
    expect(notificationFor(parsePushMessage(null)).title).toBe("Habits");
    expect(notificationFor(parsePushMessage("not json")).title).toBe("Habits");
    expect(notificationFor(parsePushMessage("[1, 2]")).options.data).toEqual({ url: "/" });
  });

  it("never opens another site from a notification", () => {
    expect(safeAppPath("/habits/2")).toBe("/habits/2");
    expect(safeAppPath("https://evil.example/")).toBe("/");
    expect(safeAppPath("//evil.example/")).toBe("/");
    expect(safeAppPath(undefined)).toBe("/");
    expect(shown({ ...reminder, url: "javascript:alert(1)" }).options.data).toMatchObject({
      url: "/",
    });
  });
});

describe("answering a reminder", () => {
  const data = readNotificationData(shown(reminder).options.data) as NotificationData;

  it("posts the action's token alone, without cookies, and confirms Done", async () => {
    const fetcher = vi.fn(async () =>
      Response.json({ action: "done", habit_id: 7, date: "2026-12-02" }),
    );
    const result = await actOnReminder("done", data, fetcher);
    expect(fetcher).toHaveBeenCalledWith("/api/reminders/act", {
      method: "POST",
      credentials: "omit",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "Accept-Language": "en",
      },
      body: JSON.stringify({ token: "done-token" }),
    });
    expect(result.ok).toBe(true);
    expect(result.notification.title).toBe("Done: Read");
    expect(result.notification.options.body).toMatch(/^Checked in for Wednesday/);
    // The answer replaces the reminder rather than stacking beside it.
    expect(result.notification.options.tag).toBe("reminder-7-2026-12-02");
  });

  it("sends Later's own token and says when it will remind again", async () => {
    const fetcher = vi.fn(async (_input: string, _init: RequestInit) =>
      Response.json({ action: "later" }),
    );
    const result = await actOnReminder("later", data, fetcher);
    expect(JSON.parse(String(fetcher.mock.calls[0]![1].body))).toEqual({ token: "later-token" });
    expect(result.notification.title).toBe("Later: Read");
    expect(result.notification.options.body).toBe("We'll remind you again in an hour.");
  });

  it("shows the server's reason when a token was already used", async () => {
    const fetcher = vi.fn(async () =>
      Response.json({ detail: "This reminder was already answered." }, { status: 400 }),
    );
    const result = await actOnReminder("done", data, fetcher);
    expect(result.ok).toBe(false);
    expect(result.notification.title).toBe("Could not check in Read");
    expect(result.notification.options.body).toBe(
      "This reminder was already answered. Tap to open the app.",
    );
    expect(result.notification.options.data).toEqual({ kind: "test", url: "/habits/7" });
  });

  it("says so when the server cannot be reached", async () => {
    const fetcher = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const result = await actOnReminder("later", data, fetcher);
    expect(result.ok).toBe(false);
    expect(result.notification.title).toBe("Could not snooze Read");
    expect(result.notification.options.body).toMatch(/^No connection to the server\./);
  });

  it("does not call the server for a notification without a token", async () => {
    const fetcher = vi.fn();
    const result = await actOnReminder("done", { kind: "test", url: "/" }, fetcher);
    expect(fetcher).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
  });
});

describe("a subscription the browser renewed by itself", () => {
  const subscription = { endpoint: "https://push.example/new", keys: { p256dh: "p", auth: "a" } };

  it("is sent to the server with the session's CSRF token", async () => {
    const fetcher = vi.fn(async (input: string, _init: RequestInit) =>
      input === "/api/auth/csrf"
        ? Response.json({ csrf_token: "tok" })
        : Response.json({ id: 4 }, { status: 201 }),
    );
    expect(await saveRenewedSubscription(subscription, fetcher)).toBe(true);
    const [, post] = fetcher.mock.calls;
    expect(post?.[0]).toBe("/api/push/subscriptions");
    expect(post?.[1]).toMatchObject({
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": "tok" },
      body: JSON.stringify(subscription),
    });
  });

  it("is given up quietly when nobody is signed in or the server is unreachable", async () => {
    const signedOut = vi.fn(async () => Response.json({ detail: "no" }, { status: 401 }));
    const refused = vi.fn(async (input: string) =>
      input === "/api/auth/csrf"
        ? Response.json({ csrf_token: "tok" })
        : Response.json({ detail: "Not signed in" }, { status: 401 }),
    );
    const offline = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    expect(await saveRenewedSubscription(subscription, signedOut)).toBe(false);
    expect(await saveRenewedSubscription(subscription, refused)).toBe(false);
    expect(await saveRenewedSubscription(subscription, offline)).toBe(false);
  });
});
