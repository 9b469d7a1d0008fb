import { plural, t } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useState } from "react";
import { Alert } from "@/components/alert";
import { errorMessage } from "@/lib/api-client";
import { useConnection } from "@/lib/connection";
import { formattingLocale } from "@/lib/i18n";
import type { PushDevice, PushTestResult } from "@/types/api";
import {
  usePushDevices,
  useRemovePushDevice,
  useSendTestPush,
  useTurnOnThisDevice,
} from "../api/push-devices";
import {
  currentSubscription,
  describeUserAgent,
  knownUserAgent,
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
  return new Date(iso).toLocaleDateString(formattingLocale(), {
    day: "numeric",
    month: "short",
    year: "numeric",
  });
}

function DeniedHelp() {
  return (
    <Alert kind="info">
      <Trans>
        Notifications are blocked for this site in your browser. To allow them, open the site
        settings (the icon beside the address bar, or Settings → Site settings → Notifications on a
        phone), set Notifications to Allow, then reload this page.
      </Trans>
    </Alert>
  );
}

/** What a test notification did, in whole sentences. */
function describeTest({ delivered, devices, removed }: PushTestResult): string {
  const sent =
    delivered > 0
      ? plural(devices, {
          one: `Sent to ${delivered} of # device.`,
          other: `Sent to ${delivered} of # devices.`,
        })
      : t`No device could be reached.`;
  if (removed === 0) return sent;
  const gone = plural(removed, {
    one: "# device no longer subscribed and was removed.",
    other: "# devices no longer subscribed and were removed.",
  });
  return `${sent} ${gone}`;
}

function deviceName(device: PushDevice): string {
  // Named from the user agent in the active language; the label saved with it is in the language
  // of the day it was added.
  return knownUserAgent(device.user_agent) ?? (device.label || describeUserAgent(""));
}

export function NotificationSettings() {
  // The hook's t renders again when the language changes.
  const { t } = useLingui();
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
        <Trans>
          Reminders arrive as notifications on the devices you turn them on in, even when the app is
          closed. Choose the times on each habit&apos;s page (Edit).
        </Trans>
      </p>

      {support === "needs-home-screen" ? (
        <Alert kind="info">
          <Trans>
            On an iPhone or iPad, notifications work once the app is on your Home Screen: open this
            site in Safari, tap Share, then Add to Home Screen, and turn them on from the app.
          </Trans>
        </Alert>
      ) : support === "unsupported" ? (
        <Alert kind="info">
          <Trans>
            This browser cannot show notifications from a web app. Reminders can still reach you by
            e-mail: choose E-mail in a habit&apos;s reminders.
          </Trans>
        </Alert>
      ) : denied ? (
        // Blocked after subscribing too: the browser drops what the server still sends.
        <DeniedHelp />
      ) : here ? (
        <p>
          <strong>
            <Trans>Notifications are on for this device.</Trans>
          </strong>
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
              {turnOn.isPending ? t`Turning on…` : t`Turn on notifications on this device`}
            </button>
          </div>
          <p className="small muted">
            <Trans>Your browser will ask whether to allow notifications.</Trans>
          </p>
        </div>
      )}

      {!online ? (
        <Alert kind="info">
          <Trans>
            You are offline. Turning notifications on, testing them and removing a device need a
            connection.
          </Trans>
        </Alert>
      ) : null}
      {setupError?.reason === "denied" ? null : turnOn.error ? (
        <Alert>{errorMessage(turnOn.error)}</Alert>
      ) : null}
      {setupError?.reason === "dismissed" ? (
        <p className="small muted">
          <Trans>You can turn them on later from here.</Trans>
        </p>
      ) : null}

      <div className="stack-sm">
        <h3 id="devices-heading">
          <Trans>Devices that get notifications</Trans>
        </h3>
        {devices.isPending ? (
          <p className="muted">
            <Trans>Loading devices…</Trans>
          </p>
        ) : devices.isError ? (
          <Alert>{errorMessage(devices.error)}</Alert>
        ) : list.length === 0 ? (
          <p className="muted">
            <Trans>No devices yet.</Trans>
          </p>
        ) : (
          <ul className="device-list" aria-labelledby="devices-heading">
            {list.map((device) => {
              const isHere = device === here;
              const name = deviceName(device);
              const added = formatDate(device.created_at);
              const notified = device.last_success_at ? formatDate(device.last_success_at) : null;
              return (
                <li key={device.id} className="row-between device-row">
                  <span>
                    {name}
                    {isHere ? (
                      <>
                        {" "}
                        <span className="badge">
                          <Trans>This device</Trans>
                        </span>
                      </>
                    ) : null}
                    <br />
                    <span className="small muted">
                      {notified ? t`Added ${added}, last notified ${notified}` : t`Added ${added}`}
                    </span>
                  </span>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    disabled={!online || remove.isPending}
                    aria-label={isHere ? t`Remove ${name} (this device)` : t`Remove ${name}`}
                    onClick={() => remove.mutate({ device, here: isHere })}
                  >
                    <Trans>Remove</Trans>
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
              {test.isPending ? t`Sending…` : t`Send a test notification`}
            </button>
          </div>
          {test.error ? <Alert>{errorMessage(test.error)}</Alert> : null}
          {test.data ? (
            <Alert kind={test.data.delivered > 0 ? "success" : "error"}>
              {describeTest(test.data)}
            </Alert>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
