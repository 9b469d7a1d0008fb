import { plural } from "@lingui/core/macro";
import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useConnection } from "@/lib/connection";
import { formattingLocale } from "@/lib/i18n";
import { formatShortDate } from "@/utils/dates";
import {
  discardChange,
  retryChange,
  useOfflineSync,
  useQueuedChanges,
} from "../api/use-offline-queue";
import { useUpdateReady } from "../service-worker";
import "./offline.css";

function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** How many check-ins wait to be sent, beside the navigation. */
export function PendingBadge({ userId }: { userId: number }) {
  const pending = useQueuedChanges(userId).filter((change) => change.status === "pending");
  const { t } = useLingui();
  const count = pending.length;
  if (count === 0) return null;
  const label = t`${plural(count, {
    one: "# change waiting to be sent",
    other: "# changes waiting to be sent",
  })}`;
  return (
    <span className="badge pending-badge" title={label}>
      <span aria-hidden="true">{t`${plural(count, { one: "# waiting", other: "# waiting" })}`}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

function RefusedChange({
  habitName,
  date,
  error,
}: {
  habitName: string;
  date: string;
  error: string;
}) {
  return (
    <span>
      <Trans>
        <strong>{habitName}</strong>, {date}: {error}
      </Trans>
    </span>
  );
}

/** "Reload to update" once a new build is ready. */
export function UpdatePrompt() {
  const applyUpdate = useUpdateReady();
  if (!applyUpdate) return null;
  return (
    <div className="alert alert-info offline-row" role="status">
      <span>
        <Trans>A new version of the app is ready.</Trans>
      </span>
      <button type="button" className="btn btn-small" onClick={applyUpdate}>
        <Trans>Reload to update</Trans>
      </button>
    </div>
  );
}

/** On the login page: changes made offline are kept until the person is signed in again. */
export function KeptChangesNote() {
  const pending = useQueuedChanges().filter((change) => change.status === "pending").length;
  if (pending === 0) return null;
  return (
    <div className="alert alert-info" role="status">
      <Plural
        value={pending}
        one="# change made without a connection is kept on this device and will be sent once you log in."
        other="# changes made without a connection are kept on this device and will be sent once you log in."
      />
    </div>
  );
}

/**
 * Above every signed-in page: a new version to reload into, that the app is offline (or the
 * server out of reach) and how old its data is, and the changes the server refused.
 */
export function OfflineNotices({ userId }: { userId: number }) {
  const connection = useConnection();
  const changes = useQueuedChanges(userId);
  const stopped = useOfflineSync(userId);
  const pending = changes.filter((change) => change.status === "pending").length;
  const failed = changes.filter((change) => change.status === "failed");
  const refused = failed.length;
  const { t } = useLingui();
  const cutOff = !connection.online || connection.servedFromCopy;
  const refreshed = connection.lastRefreshed ? formatWhen(connection.lastRefreshed) : null;
  const since = refreshed ? t`Data as of ${refreshed}.` : t`Showing the data saved on this device.`;
  const drawnFrom = connection.todayFrom ? formatShortDate(connection.todayFrom) : null;

  return (
    <div className="offline-notices">
      <UpdatePrompt />
      {cutOff && (
        <div className="alert alert-info" role="status" data-testid="offline-banner">
          <strong>
            {connection.online ? t`The server cannot be reached.` : t`You are offline.`}
          </strong>{" "}
          {since}{" "}
          {drawnFrom
            ? t`Today's list is drawn from the list of ${drawnFrom}: streaks and scores update when you are back online.`
            : null}{" "}
          <Trans>Check-ins are kept here and sent when you are back online.</Trans>
        </div>
      )}
      {stopped === "unauthorized" && pending > 0 && (
        <div className="alert alert-error" role="alert">
          <Trans>
            Your session has ended. <a href="/login">Log in again</a> to send the{" "}
            <Plural value={pending} one="# change" other="# changes" /> kept on this device.
          </Trans>
        </div>
      )}
      {failed.length > 0 && (
        <section className="alert alert-error stack" aria-labelledby="refused-heading">
          <h2 id="refused-heading" className="offline-heading">
            <Plural value={refused} one="A change was not saved" other="# changes were not saved" />
          </h2>
          <ul className="offline-list">
            {failed.map((change) => (
              <li key={change.id} className="offline-row">
                <RefusedChange
                  habitName={change.habitName}
                  date={formatShortDate(change.date)}
                  error={change.error ?? t`The server refused this change.`}
                />
                <span className="offline-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void retryChange(change.id)}
                  >
                    <Trans>Retry</Trans>
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => void discardChange(change.id)}
                  >
                    <Trans>Discard</Trans>
                  </button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
