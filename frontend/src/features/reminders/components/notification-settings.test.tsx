import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/testing/render";
import type { PushDevice } from "@/types/api";
import { NotificationSettings } from "./notification-settings";

const KEY =
  "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U";
const ENDPOINT = "https://push.example.com/send/abc";

function device(overrides: Partial<PushDevice> = {}): PushDevice {
  return {
    id: 1,
    endpoint: ENDPOINT,
    label: "Chrome on Linux",
    user_agent: "",
    created_at: "2025-06-01T10:00:00Z",
    last_success_at: null,
    ...overrides,
  };
}

/** A browser with service workers and push, whose permission starts as given. */
function fakeBrowser(
  permission: NotificationPermission,
  answer: NotificationPermission = "granted",
) {
  let subscription: { endpoint: string; unsubscribe: () => Promise<boolean> } | null = null;
  const unsubscribe = vi.fn(async () => {
    subscription = null;
    return true;
  });
  const subscribe = vi.fn(async (options: PushSubscriptionOptionsInit) => {
    subscription = {
      endpoint: ENDPOINT,
      unsubscribe,
      // @ts-expect-error - only what the app reads
      options,
      toJSON: () => ({
        endpoint: ENDPOINT,
        expirationTime: null,
        keys: { p256dh: "p", auth: "a" },
      }),
    };
    return subscription;
  });
  const registration = {
    active: {},
    pushManager: { getSubscription: async () => subscription, subscribe },
  };
  const requestPermission = vi.fn(async () => {
    notification.permission = answer;
    return answer;
  });
  const notification = { permission, requestPermission };
  vi.stubGlobal("Notification", notification);
  vi.stubGlobal("PushManager", function PushManager() {});
  Object.defineProperty(navigator, "serviceWorker", {
    configurable: true,
    value: { getRegistration: async () => registration, ready: Promise.resolve(registration) },
  });
  return { subscribe, unsubscribe, requestPermission };
}

describe("notifications in Settings", () => {
  beforeEach(() => {
    Object.defineProperty(navigator, "onLine", { configurable: true, value: true });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, "serviceWorker");
  });

  it("asks for permission only when the button is pressed, then subscribes and marks this device", async () => {
    const browser = fakeBrowser("default");
    let devices: PushDevice[] = [];
    const { calls } = mockApi({
      "GET /api/push/key": () => ({ status: 200, body: { public_key: KEY } }),
      "GET /api/push/subscriptions": () => ({ status: 200, body: devices }),
      "POST /api/push/subscriptions": () => {
        devices = [device()];
        return { status: 201, body: { id: 1 } };
      },
    });
    renderWithProviders(<NotificationSettings />);
    expect(await screen.findByText("No devices yet.")).toBeInTheDocument();
    expect(browser.requestPermission).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole("button", { name: "Turn on notifications on this device" }),
    );
    expect(await screen.findByText("Notifications are on for this device.")).toBeInTheDocument();
    expect(browser.requestPermission).toHaveBeenCalledTimes(1);
    const options = browser.subscribe.mock.calls[0]![0];
    expect(options.userVisibleOnly).toBe(true);
    expect((options.applicationServerKey as Uint8Array).byteLength).toBe(65);
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({
      endpoint: ENDPOINT,
      keys: { p256dh: "p", auth: "a" },
    });
    const row = screen.getByRole("listitem");
    expect(within(row).getByText("This device")).toBeInTheDocument();
    expect(within(row).getByText("Chrome on Linux")).toBeInTheDocument();
  });

  it("explains how to allow notifications again when they are blocked", async () => {
    fakeBrowser("denied");
    mockApi({ "GET /api/push/subscriptions": () => ({ status: 200, body: [] }) });
    renderWithProviders(<NotificationSettings />);
    expect(await screen.findByText(/Notifications are blocked for this site/)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Turn on notifications/ })).not.toBeInTheDocument();
  });

  it("tells a device subscribed before its notifications were blocked how to allow them", async () => {
    fakeBrowser("denied");
    await navigator.serviceWorker.ready.then((r) =>
      r.pushManager.subscribe({ userVisibleOnly: true }),
    );
    mockApi({ "GET /api/push/subscriptions": () => ({ status: 200, body: [device()] }) });
    renderWithProviders(<NotificationSettings />);
    expect(await screen.findByText("This device")).toBeInTheDocument();
    expect(screen.getByText(/Notifications are blocked for this site/)).toBeInTheDocument();
    expect(screen.queryByText("Notifications are on for this device.")).not.toBeInTheDocument();
  });

  it("says so when the person declines the browser's prompt", async () => {
    const browser = fakeBrowser("default", "denied");
    const { calls } = mockApi({
      "GET /api/push/key": () => ({ status: 200, body: { public_key: KEY } }),
      "GET /api/push/subscriptions": () => ({ status: 200, body: [] }),
    });
    renderWithProviders(<NotificationSettings />);
    await userEvent.click(await screen.findByRole("button", { name: /Turn on notifications/ }));
    expect(await screen.findByText(/Notifications are blocked for this site/)).toBeInTheDocument();
    expect(browser.subscribe).not.toHaveBeenCalled();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("removes this device on the server and in the browser, and another only on the server", async () => {
    const browser = fakeBrowser("granted");
    await navigator.serviceWorker.ready.then((r) =>
      r.pushManager.subscribe({ userVisibleOnly: true }),
    );
    let devices = [device(), device({ id: 2, endpoint: "https://other.example/x", label: "" })];
    const { calls } = mockApi({
      "GET /api/push/subscriptions": () => ({ status: 200, body: devices }),
      "DELETE /api/push/subscriptions/2": () => {
        devices = devices.filter((d) => d.id !== 2);
        return { status: 204 };
      },
      "DELETE /api/push/subscriptions/1": () => {
        devices = devices.filter((d) => d.id !== 1);
        return { status: 204 };
      },
    });
    renderWithProviders(<NotificationSettings />);
    await userEvent.click(await screen.findByRole("button", { name: "Remove A browser" }));
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(1));
    expect(browser.unsubscribe).not.toHaveBeenCalled();

    await userEvent.click(
      await screen.findByRole("button", { name: "Remove Chrome on Linux (this device)" }),
    );
    expect(await screen.findByText("No devices yet.")).toBeInTheDocument();
    expect(browser.unsubscribe).toHaveBeenCalledTimes(1);
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual([
      "/api/push/subscriptions/2",
      "/api/push/subscriptions/1",
    ]);
    expect(screen.getByRole("button", { name: /Turn on notifications/ })).toBeEnabled();
  });

  it("sends a test notification and reports how many devices it reached", async () => {
    fakeBrowser("granted");
    mockApi({
      "GET /api/push/subscriptions": () => ({ status: 200, body: [device()] }),
      "POST /api/push/test": () => ({
        status: 200,
        body: { devices: 2, delivered: 1, removed: 1, failed: 0 },
      }),
    });
    renderWithProviders(<NotificationSettings />);
    await userEvent.click(await screen.findByRole("button", { name: "Send a test notification" }));
    expect(
      await screen.findByText(
        "Sent to 1 of 2 devices. 1 device no longer subscribed and was removed.",
      ),
    ).toBeInTheDocument();
  });

  it("tells a browser without push to use e-mail, and an offline one to reconnect", async () => {
    mockApi({ "GET /api/push/subscriptions": () => ({ status: 200, body: [] }) });
    renderWithProviders(<NotificationSettings />);
    expect(await screen.findByText(/This browser cannot show notifications/)).toBeInTheDocument();
    act(() => {
      window.dispatchEvent(new Event("offline"));
    });
    expect(screen.getByText(/You are offline/)).toBeInTheDocument();
    act(() => {
      window.dispatchEvent(new Event("online"));
    });
  });
});
