import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { createWebhookSchema, useCreateWebhook } from "../api/create-webhook";
import { useDeleteWebhook } from "../api/delete-webhook";
import { useDeliveries } from "../api/get-deliveries";
import { useWebhooks } from "../api/get-webhooks";
import { useResendDelivery } from "../api/resend-delivery";
import { useRotateSecret } from "../api/rotate-secret";
import { useUpdateWebhook } from "../api/update-webhook";
import { EVENT_TYPES, type Webhook } from "../api/types";
import "./webhooks.css";

const EVENT_LABEL: Record<(typeof EVENT_TYPES)[number], string> = {
  "entry.updated": "Check-in made or changed",
  "entry.deleted": "Check-in removed",
  "habit.created": "Habit created",
  "habit.updated": "Habit changed",
  "habit.deleted": "Habit deleted",
};

function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** Webhooks in Settings: register an endpoint (secret shown once), watch its deliveries. */
export function Webhooks() {
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const list = webhooks.data ?? [];

  return (
    <div className="stack">
      <p className="muted">
        Have your habits call your own tools: each event is POSTed to your address as JSON, signed
        following Standard Webhooks (<code>webhook-id</code>, <code>webhook-timestamp</code>,{" "}
        <code>webhook-signature</code>), retried for a day when it fails.
      </p>
      {secret ? (
        <SecretShownOnce {...secret} onDone={() => setSecret(null)} />
      ) : (
        <CreateWebhookForm
          onCreated={(hook) => setSecret({ title: "Webhook added", secret: hook.secret })}
        />
      )}
      <div className="stack-sm">
        <h3 id="webhooks-list-heading">Your webhooks</h3>
        {webhooks.isPending ? (
          <p className="muted">Loading webhooks…</p>
        ) : webhooks.isError ? (
          <Alert>{errorMessage(webhooks.error)}</Alert>
        ) : list.length === 0 ? (
          <p className="muted">No webhooks yet.</p>
        ) : (
          <ul className="webhook-list" aria-labelledby="webhooks-list-heading">
            {list.map((hook) => (
              <WebhookRow
                key={hook.id}
                hook={hook}
                onSecret={(value) => setSecret({ title: "New secret", secret: value })}
                onDelete={() => setDeleting(hook)}
              />
            ))}
          </ul>
        )}
      </div>
      <DeleteDialog hook={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}

function WebhookRow({
  hook,
  onSecret,
  onDelete,
}: {
  hook: Webhook;
  onSecret: (secret: string) => void;
  onDelete: () => void;
}) {
  const [showDeliveries, setShowDeliveries] = useState(false);
  const update = useUpdateWebhook();
  const rotate = useRotateSecret();
  const error = update.error ?? rotate.error;
  return (
    <li className="webhook-row stack-sm" data-webhook-id={hook.id}>
      <div className="row-between">
        <span className="webhook-url">
          <strong>{hook.url}</strong>{" "}
          {hook.enabled ? null : <span className="badge badge-over">Disabled</span>}
          <br />
          <span className="small muted">
            {hook.events.map((event) => EVENT_LABEL[event]).join(", ")} · added{" "}
            {formatWhen(hook.created_at)}
            {hook.enabled && hook.failing_since
              ? ` · failing since ${formatWhen(hook.failing_since)}`
              : ""}
          </span>
        </span>
      </div>
      {hook.enabled ? null : (
        <Alert>
          {hook.disabled_reason || "This webhook is disabled."} Nothing is sent to it until you
          enable it.
        </Alert>
      )}
      {hook.previous_secret_until ? (
        <p className="small muted">
          Until {formatWhen(hook.previous_secret_until)}, deliveries are signed with the previous
          secret too, so a receiver not yet updated keeps accepting them.
        </p>
      ) : null}
      {error ? <Alert>{errorMessage(error)}</Alert> : null}
      <div className="row actions">
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-expanded={showDeliveries}
          onClick={() => setShowDeliveries((shown) => !shown)}
        >
          {showDeliveries ? "Hide deliveries" : "Deliveries"}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: hook.id, changes: { enabled: !hook.enabled } })}
        >
          {hook.enabled ? "Disable" : "Enable"}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={rotate.isPending}
          onClick={() => rotate.mutate(hook.id, { onSuccess: (body) => onSecret(body.secret) })}
        >
          Rotate secret
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={`Delete webhook ${hook.url}`}
          onClick={onDelete}
        >
          Delete
        </button>
      </div>
      {showDeliveries ? <Deliveries hook={hook} /> : null}
    </li>
  );
}

function Deliveries({ hook }: { hook: Webhook }) {
  const deliveries = useDeliveries(hook.id, true);
  const resend = useResendDelivery(hook.id);
  if (deliveries.isPending) return <p className="muted">Loading deliveries…</p>;
  if (deliveries.isError) return <Alert>{errorMessage(deliveries.error)}</Alert>;
  if (deliveries.data.length === 0) return <p className="muted">Nothing sent yet.</p>;
  return (
    <div className="delivery-table-wrap">
      {resend.error ? <Alert>{errorMessage(resend.error)}</Alert> : null}
      <table className="delivery-table">
        <caption className="small muted">Last 50 deliveries, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Event</th>
            <th scope="col">Status</th>
            <th scope="col">Code</th>
            <th scope="col">Time</th>
            <th scope="col">Tries</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((delivery) => (
            <tr key={delivery.id} data-delivery-id={delivery.id}>
              <td>{formatWhen(delivery.created_at)}</td>
              <td>{delivery.event_type}</td>
              <td title={delivery.error || undefined}>{delivery.status}</td>
              <td>{delivery.response_code ?? "—"}</td>
              <td>{delivery.duration_ms === null ? "—" : `${delivery.duration_ms} ms`}</td>
              <td>{delivery.attempts}</td>
              <td>
                <button
                  type="button"
                  className="btn btn-ghost btn-small"
                  disabled={!hook.enabled || resend.isPending}
                  aria-label={`Resend ${delivery.event_type} of ${formatWhen(delivery.created_at)}`}
                  onClick={() => resend.mutate(delivery.id)}
                >
                  Resend
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CreateWebhookForm({ onCreated }: { onCreated: (hook: { secret: string }) => void }) {
  const create = useCreateWebhook();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = createWebhookSchema.safeParse({
      url: String(data.get("url") ?? ""),
      events: data.getAll("events").map(String),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, {
      onSuccess: (hook) => {
        form.reset();
        onCreated(hook);
      },
    });
  };

  const server = fieldErrorsOf(create.error);
  const fieldError = server.url ?? server.events;
  return (
    <form className="stack-sm" onSubmit={submit} noValidate>
      <h3>New webhook</h3>
      {create.error && !fieldError ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <Field
        label="Address"
        error={errors.url ?? server.url}
        hint="An https:// address (http:// and home-network addresses where this server allows them)."
      >
        <input name="url" type="url" placeholder="https://example.com/hooks/habits" />
      </Field>
      <fieldset className="stack-sm">
        <legend>Events</legend>
        <div className="webhook-events">
          {EVENT_TYPES.map((event) => (
            <label key={event}>
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={event === "entry.updated"}
              />{" "}
              {EVENT_LABEL[event]}
            </label>
          ))}
        </div>
        {(errors.events ?? server.events) ? (
          <p className="field-error" role="alert">
            {errors.events ?? server.events}
          </p>
        ) : null}
      </fieldset>
      <div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Adding…" : "Add webhook"}
        </button>
      </div>
    </form>
  );
}

function SecretShownOnce({
  title,
  secret,
  onDone,
}: {
  title: string;
  secret: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard permission: the field stays selectable
    }
  };
  return (
    <div className="stack-sm webhook-secret" role="status">
      <h3>{title}</h3>
      <p>
        Copy the signing secret now: it is shown this once. Your receiver verifies each delivery
        with it.
      </p>
      <Field label="Signing secret">
        <input
          readOnly
          value={secret}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </Field>
      <div className="row actions">
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {copied ? "Copied" : "Copy"}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}

function DeleteDialog({ hook, onClose }: { hook: Webhook | null; onClose: () => void }) {
  const remove = useDeleteWebhook();
  return (
    <Dialog open={hook !== null} title="Delete this webhook?" onClose={onClose}>
      <div className="stack">
        <p>
          Nothing more is sent to <strong>{hook?.url}</strong>, and its deliveries are deleted.
        </p>
        {remove.error ? <Alert>{errorMessage(remove.error)}</Alert> : null}
        <div className="row actions">
          <button
            type="button"
            className="btn btn-danger"
            disabled={remove.isPending}
            onClick={() =>
              hook &&
              remove.mutate(hook.id, {
                onSuccess: () => {
                  remove.reset();
                  onClose();
                },
              })
            }
          >
            {remove.isPending ? "Deleting…" : "Delete webhook"}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            data-dialog-close
            data-autofocus
            onClick={onClose}
          >
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}
