import { useConnection } from "@/lib/connection";
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
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** How many check-ins wait to be sent, beside the navigation. */
export function PendingBadge({ userId }: { userId: number }) {
  const pending = useQueuedChanges(userId).filter((change) => change.status === "pending");
  if (pending.length === 0) return null;
  const label = `${pending.length} ${pending.length === 1 ? "change" : "changes"} waiting to be sent`;
  return (
    <span className="badge pending-badge" title={label}>
      <span aria-hidden="true">{pending.length} waiting</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** "Reload to update" once a new build is ready. */
export function UpdatePrompt() {
  const applyUpdate = useUpdateReady();
  if (!applyUpdate) return null;
  return (
    <div className="alert alert-info offline-row" role="status">
      <span>A new version of the app is ready.</span>
      <button type="button" className="btn btn-small" onClick={applyUpdate}>
        Reload to update
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
      {pending} {pending === 1 ? "change made" : "changes made"} without a connection{" "}
      {pending === 1 ? "is" : "are"} kept on this device and will be sent once you log in.
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
  const cutOff = !connection.online || connection.servedFromCopy;
  const since = connection.lastRefreshed
    ? `Data as of ${formatWhen(connection.lastRefreshed)}.`
    : "Showing the data saved on this device.";

  return (
    <div className="offline-notices">
      <UpdatePrompt />
      {cutOff && (
        <div className="alert alert-info" role="status" data-testid="offline-banner">
          <strong>
            {connection.online ? "The server cannot be reached." : "You are offline."}
          </strong>{" "}
          {since}{" "}
          {connection.todayFrom &&
            `Today's list is drawn from ${formatShortDate(connection.todayFrom)}'s: streaks and scores update when you are back online. `}
          Check-ins are kept here and sent when you are back online.
        </div>
      )}
      {stopped === "unauthorized" && pending > 0 && (
        <div className="alert alert-error" role="alert">
          Your session has ended. <a href="/login">Log in again</a> to send the {pending}{" "}
          {pending === 1 ? "change" : "changes"} kept on this device.
        </div>
      )}
      {failed.length > 0 && (
        <section className="alert alert-error stack" aria-labelledby="refused-heading">
          <h2 id="refused-heading" className="offline-heading">
            {failed.length === 1
              ? "A change was not saved"
              : `${failed.length} changes were not saved`}
          </h2>
          <ul className="offline-list">
            {failed.map((change) => (
              <li key={change.id} className="offline-row">
                <span>
                  <strong>{change.habitName}</strong>, {formatShortDate(change.date)}:{" "}
                  {change.error ?? "the server refused this change."}
                </span>
                <span className="offline-actions">
                  <button
                    type="button"
                    className="btn btn-small"
                    onClick={() => void retryChange(change.id)}
                  >
                    Retry
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-ghost"
                    onClick={() => void discardChange(change.id)}
                  >
                    Discard
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
