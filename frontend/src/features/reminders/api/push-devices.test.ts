import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi } from "@/testing/render";
import { base64UrlToBytes } from "../push-device";
import { renewSubscriptionIfKeyRotated } from "./push-devices";

const OLD_KEY =
  "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U";
const NEW_KEY =
  "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM";

/** A browser with notifications allowed and a subscription made with `key`. */
function browserSubscribedWith(key: string, permission: NotificationPermission = "granted") {
  const make = (serverKey: Uint8Array) => ({
    endpoint: `https://push.example.com/send/${serverKey[1]}`,
    options: { applicationServerKey: serverKey.buffer, userVisibleOnly: true },
    unsubscribe: vi.fn(async () => {
      current = null;
      return true;
    }),
    toJSON: () => ({
      endpoint: `https://push.example.com/send/${serverKey[1]}`,
      expirationTime: null,
      keys: { p256dh: "p", auth: "a" },
    }),
  });
  let current: ReturnType<typeof make> | null = make(base64UrlToBytes(key));
  const first = current;
  const subscribe = vi.fn(async (options: { applicationServerKey: Uint8Array }) => {
    current = make(options.applicationServerKey);
    return current;
  });
  const registration = {
    active: {},
    pushManager: { getSubscription: async () => current, subscribe },
  };
  vi.stubGlobal("Notification", { permission, requestPermission: vi.fn() });
  vi.stubGlobal("PushManager", function PushManager() {});
  Object.defineProperty(navigator, "serviceWorker", {
    configurable: true,
    value: { getRegistration: async () => registration, ready: Promise.resolve(registration) },
  });
  return { first, subscribe };
}

describe("renewing a subscription after the server's key was rotated", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(navigator, "serviceWorker");
  });

  it("resubscribes with the new key and registers the new subscription, asking nothing", async () => {
    const browser = browserSubscribedWith(OLD_KEY);
    const { calls } = mockApi({
      "GET /api/push/key": () => ({ status: 200, body: { public_key: NEW_KEY } }),
      "POST /api/push/subscriptions": () => ({ status: 201, body: { id: 7 } }),
    });
    expect(await renewSubscriptionIfKeyRotated()).toBe(true);
    expect(browser.first.unsubscribe).toHaveBeenCalledTimes(1);
    const options = browser.subscribe.mock.calls[0]![0];
    expect(Array.from(options.applicationServerKey)).toEqual(Array.from(base64UrlToBytes(NEW_KEY)));
    expect(calls.find((c) => c.method === "POST")?.url).toBe("/api/push/subscriptions");
  });

  it("leaves a subscription made with the current key alone", async () => {
    const browser = browserSubscribedWith(OLD_KEY);
    const { calls } = mockApi({
      "GET /api/push/key": () => ({ status: 200, body: { public_key: OLD_KEY } }),
    });
    expect(await renewSubscriptionIfKeyRotated()).toBe(false);
    expect(browser.subscribe).not.toHaveBeenCalled();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("does nothing where notifications are not allowed, not even ask the server", async () => {
    browserSubscribedWith(OLD_KEY, "denied");
    const { calls } = mockApi({});
    expect(await renewSubscriptionIfKeyRotated()).toBe(false);
    expect(calls).toHaveLength(0);
  });
});
