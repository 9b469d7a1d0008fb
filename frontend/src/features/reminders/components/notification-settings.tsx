import { useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { errorMessage } from "@/lib/api-client";
import { useConnection } from "@/lib/connection";
import type { PushDevice } from "@/types/api";
import {
  usePushDevices,
  useRemovePushDevice,
  useSendTestPush,
  useTurnOnThisDevice,
} from "../api/push-devices";
import {
  currentSubscription,
  describeUserAgent,
  notificationPermission,
  pushSupport,
  PushSetupError,
} from "../push-device";
import "./reminders.css";

/** The endpoint of this browser's subscription, read once the page has loaded. */
function useThisEndpoint(refreshKey: unknown): string | null | undefined {
  const [endpoint, setEndpoint] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    currentSubscription()
      .then((subscription) => live && setEndpoint(subscription?.endpoint ?? null))
      .catch(() => live && setEndpoint(null));
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return endpoint;
}

function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

function DeniedHelp() {
  return (
    <Alert kind="info">
      Notifications are blocked for this site in your browser. To allow them, open the site settings
      (the icon left of the address bar, or Settings → Site settings → Notifications on a phone),
      set Notifications to Allow, then reload this page.
    </Alert>
  );
}

function deviceName(device: PushDevice): string {
  return device.label || describeUserAgent(device.user_agent);
}

export function NotificationSettings() {
  const support = pushSupport();
  const { online } = useConnection();
  const devices = usePushDevices();
  const turnOn = useTurnOnThisDevice();
  const remove = useRemovePushDevice();
  const test = useSendTestPush();
  const endpoint = useThisEndpoint(devices.dataUpdatedAt);
  const [permission, setPermission] = useState(notificationPermission);

  const list = devices.data ?? [];
  const here = list.find((device) => endpoint && device.endpoint === endpoint) ?? null;
  const denied = permission === "denied";
  const setupError = turnOn.error instanceof PushSetupError ? turnOn.error : null;

  const enable = () =>
    turnOn.mutate(undefined, { onSettled: () => setPermission(notificationPermission()) });

  return (
    <div className="stack">
      <p className="muted">
        Reminders arrive as notifications on the devices you turn them on in, even when the app is
        closed. Choose the times on each habit's page (Edit).
      </p>

      {support === "needs-home-screen" ? (
        <Alert kind="info">
          On an iPhone or iPad, notifications work once the app is on your Home Screen: open this
          site in Safari, tap Share, then Add to Home Screen, and turn them on from the app.
        </Alert>
      ) : support === "unsupported" ? (
        <Alert kind="info">
          This browser cannot show notifications from a web app. Reminders can still reach you by
          e-mail: choose E-mail in a habit's reminders.
        </Alert>
      ) : denied ? (
        // Blocked after subscribing too: the browser drops what the server still sends.
        <DeniedHelp />
      ) : here ? (
        <p>
          <strong>Notifications are on for this device.</strong>
        </p>
      ) : (
        <div className="stack-sm">
          <div>
            <button
              type="button"
              className="btn btn-primary"
              onClick={enable}
              disabled={!online || turnOn.isPending}
            >
              {turnOn.isPending ? "Turning on…" : "Turn on notifications on this device"}
            </button>
          </div>
          <p className="small muted">Your browser will ask whether to allow notifications.</p>
        </div>
      )}

      {!online ? (
        <Alert kind="info">
          You are offline. Turning notifications on, testing them and removing a device need a
          connection.
        </Alert>
      ) : null}
      {setupError?.reason === "denied" ? null : turnOn.error ? (
        <Alert>{errorMessage(turnOn.error)}</Alert>
      ) : null}
      {setupError?.reason === "dismissed" ? (
        <p className="small muted">You can turn them on later from here.</p>
      ) : null}

      <div className="stack-sm">
        <h3 id="devices-heading">Devices that get notifications</h3>
        {devices.isPending ? (
          <p className="muted">Loading devices…</p>
        ) : devices.isError ? (
          <Alert>{errorMessage(devices.error)}</Alert>
        ) : list.length === 0 ? (
          <p className="muted">No devices yet.</p>
        ) : (
          <ul className="device-list" aria-labelledby="devices-heading">
            {list.map((device) => {
              const isHere = device === here;
              return (
                <li key={device.id} className="row-between device-row">
                  <span>
                    {deviceName(device)}
                    {isHere ? (
                      <>
                        {" "}
                        <span className="badge">This device</span>
                      </>
                    ) : null}
                    <br />
                    <span className="small muted">
                      Added {formatDate(device.created_at)}
                      {device.last_success_at
                        ? `, last notified ${formatDate(device.last_success_at)}`
                        : ""}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    disabled={!online || remove.isPending}
                    aria-label={`Remove ${deviceName(device)}${isHere ? " (this device)" : ""}`}
                    onClick={() => remove.mutate({ device, here: isHere })}
                  >
                    Remove
                  </button>
                </li>
              );
            })}
          </ul>
        )}
        {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
      </div>

      {list.length > 0 ? (
        <div className="stack-sm">
          <div>
            <button
              type="button"
              className="btn"
              disabled={!online || test.isPending}
              onClick={() => test.mutate()}
            >
              {test.isPending ? "Sending…" : "Send a test notification"}
            </button>
          </div>
          {test.error ? <Alert>{errorMessage(test.error)}</Alert> : null}
          {test.data ? (
            <Alert kind={test.data.delivered > 0 ? "success" : "error"}>
              {test.data.delivered > 0
                ? `Sent to ${test.data.delivered} of ${test.data.devices} ${
                    test.data.devices === 1 ? "device" : "devices"
                  }.`
                : "No device could be reached."}
              {test.data.removed > 0
                ? ` ${test.data.removed} no longer subscribed and ${
                    test.data.removed === 1 ? "was" : "were"
                  } removed.`
                : ""}
            </Alert>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
