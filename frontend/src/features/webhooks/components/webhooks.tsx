import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { formattingLocale, formatNumber } from "@/lib/i18n";
import { createWebhookSchema, useCreateWebhook } from "../api/create-webhook";
import { useDeleteWebhook } from "../api/delete-webhook";
import { useDeliveries } from "../api/get-deliveries";
import { useWebhooks } from "../api/get-webhooks";
import { useResendDelivery } from "../api/resend-delivery";
import { useRotateSecret } from "../api/rotate-secret";
import { useUpdateWebhook } from "../api/update-webhook";
import { EVENT_TYPES, type Delivery, type EventType, type Webhook } from "../api/types";
import "./webhooks.css";

// What a person reads for each event; the event's own name (entry.updated…) is what receivers
// see in the payload and stays as it is.
const EVENT_LABEL: Record<EventType, MessageDescriptor> = {
  "entry.updated": msg`Check-in made or changed`,
  "entry.deleted": msg`Check-in removed`,
  "habit.created": msg`Habit created`,
  "habit.updated": msg`Habit changed`,
  "habit.deleted": msg`Habit deleted`,
};

const STATUS_LABEL: Record<Delivery["status"], MessageDescriptor> = {
  pending: msg({ message: "pending", comment: "A webhook delivery waiting for a (re)try." }),
  delivered: msg({ message: "delivered", comment: "A webhook delivery the receiver accepted." }),
  failed: msg({ message: "failed", comment: "A webhook delivery given up after a day of tries." }),
};

/** A moment (an ISO timestamp) in the active language, in this browser's time zone. */
function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** The subscribed events as a short list in the language's way ("a, b" in English, "a, b und c"). */
function eventList(labels: string[]): string {
  return new Intl.ListFormat(formattingLocale(), { type: "unit", style: "short" }).format(labels);
}

// The server writes these two reasons in English into the endpoint; they are shown in the
// person's language, and any other reason as the server wrote it.
const DISABLED_BY_YOU = "Disabled by you.";
const DISABLED_AFTER_FAILURES = /after a day of failed deliveries \((.*)\)\.$/s;
const NOT_SENT_DISABLED = "not sent: the endpoint was disabled";

/** Webhooks in Settings: register an endpoint (secret shown once), watch its deliveries. */
export function Webhooks() {
  const { t } = useLingui();
  const webhooks = useWebhooks();
  const [secret, setSecret] = useState<{ title: string; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const list = webhooks.data ?? [];

  return (
    <div className="stack">
      <p className="muted">
        <Trans>
          Have your habits call your own tools: each event is POSTed to your address as JSON, signed
          following Standard Webhooks (<code dir="ltr">webhook-id</code>,{" "}
          <code dir="ltr">webhook-timestamp</code>, <code dir="ltr">webhook-signature</code>),
          retried for a day when it fails.
        </Trans>
      </p>
      {secret ? (
        <SecretShownOnce {...secret} onDone={() => setSecret(null)} />
      ) : (
        <CreateWebhookForm
          onCreated={(hook) => setSecret({ title: t`Webhook added`, secret: hook.secret })}
        />
      )}
      <div className="stack-sm">
        <h3 id="webhooks-list-heading">
          <Trans>Your webhooks</Trans>
        </h3>
        {webhooks.isPending ? (
          <p className="muted">
            <Trans>Loading webhooks…</Trans>
          </p>
        ) : webhooks.isError ? (
          <Alert>{errorMessage(webhooks.error)}</Alert>
        ) : list.length === 0 ? (
          <p className="muted">
            <Trans>No webhooks yet.</Trans>
          </p>
        ) : (
          <ul className="webhook-list" aria-labelledby="webhooks-list-heading">
            {list.map((hook) => (
              <WebhookRow
                key={hook.id}
                hook={hook}
                onSecret={(value) => setSecret({ title: t`New secret`, secret: value })}
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
  const { t, i18n } = useLingui();
  const [showDeliveries, setShowDeliveries] = useState(false);
  const update = useUpdateWebhook();
  const rotate = useRotateSecret();
  const error = update.error ?? rotate.error;
  const url = hook.url;
  const events = eventList(hook.events.map((event) => i18n._(EVENT_LABEL[event])));
  const added = formatWhen(hook.created_at);
  const failingSince = hook.failing_since ? formatWhen(hook.failing_since) : null;
  const secretUntil = hook.previous_secret_until ? formatWhen(hook.previous_secret_until) : null;
  return (
    <li className="webhook-row stack-sm" data-webhook-id={hook.id}>
      <div className="row-between">
        <span className="webhook-url">
          <strong dir="ltr">{hook.url}</strong>{" "}
          {hook.enabled ? null : (
            <span className="badge badge-over">
              <Trans>Disabled</Trans>
            </span>
          )}
          <br />
          <span className="small muted">
            {events} · {t`added ${added}`}
            {hook.enabled && failingSince ? ` · ${t`failing since ${failingSince}`}` : ""}
          </span>
        </span>
      </div>
      {hook.enabled ? null : (
        <Alert>
          <DisabledReason hook={hook} /> <Trans>Nothing is sent to it until you enable it.</Trans>
        </Alert>
      )}
      {secretUntil ? (
        <p className="small muted">
          <Trans>
            Until {secretUntil}, deliveries are signed with the previous secret too, so a receiver
            not yet updated keeps accepting them.
          </Trans>
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
          {showDeliveries ? t`Hide deliveries` : t`Deliveries`}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={update.isPending}
          onClick={() => update.mutate({ id: hook.id, changes: { enabled: !hook.enabled } })}
        >
          {hook.enabled ? t`Disable` : t`Enable`}
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          disabled={rotate.isPending}
          onClick={() => rotate.mutate(hook.id, { onSuccess: (body) => onSecret(body.secret) })}
        >
          <Trans>Rotate secret</Trans>
        </button>
        <button
          type="button"
          className="btn btn-ghost btn-small"
          aria-label={t`Delete webhook ${url}`}
          onClick={onDelete}
        >
          <Trans>Delete</Trans>
        </button>
      </div>
      {showDeliveries ? <Deliveries hook={hook} /> : null}
    </li>
  );
}

/** Why the endpoint is off, in the person's language where the server's reason is a known one. */
function DisabledReason({ hook }: { hook: Webhook }) {
  const { t } = useLingui();
  const reason = hook.disabled_reason;
  if (reason === DISABLED_BY_YOU) return <>{t`Disabled by you.`}</>;
  const failure = DISABLED_AFTER_FAILURES.exec(reason);
  if (failure && hook.disabled_at) {
    const when = formatWhen(hook.disabled_at);
    const error = failure[1] ?? "";
    return <>{t`Disabled on ${when} after a day of failed deliveries (last error: ${error}).`}</>;
  }
  return <>{reason || t`This webhook is disabled.`}</>;
}

function Deliveries({ hook }: { hook: Webhook }) {
  const { t, i18n } = useLingui();
  const deliveries = useDeliveries(hook.id, true);
  const resend = useResendDelivery(hook.id);
  // The last attempt's error as the server wrote it (technical detail), except the one it
  // writes when the webhook was disabled, which a person should read in their language.
  const errorText = (error: string) =>
    error === NOT_SENT_DISABLED ? t`Not sent: the webhook was disabled.` : error;
  if (deliveries.isPending)
    return (
      <p className="muted">
        <Trans>Loading deliveries…</Trans>
      </p>
    );
  if (deliveries.isError) return <Alert>{errorMessage(deliveries.error)}</Alert>;
  if (deliveries.data.length === 0)
    return (
      <p className="muted">
        <Trans>Nothing sent yet.</Trans>
      </p>
    );
  return (
    <div className="delivery-table-wrap">
      {resend.error ? <Alert>{errorMessage(resend.error)}</Alert> : null}
      <table className="delivery-table">
        <caption className="small muted">
          <Trans>Last 50 deliveries, newest first</Trans>
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <Trans>When</Trans>
            </th>
            <th scope="col">
              <Trans>Event</Trans>
            </th>
            <th scope="col">
              <Trans>Status</Trans>
            </th>
            <th scope="col">
              <Trans comment="The HTTP status code the receiver answered.">Code</Trans>
            </th>
            <th scope="col">
              <Trans context="How long a delivery took">Time</Trans>
            </th>
            <th scope="col">
              <Trans>Tries</Trans>
            </th>
            <th scope="col">
              <span className="visually-hidden">
                <Trans>Actions</Trans>
              </span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.data.map((delivery) => {
            const when = formatWhen(delivery.created_at);
            const event = i18n._(EVENT_LABEL[delivery.event_type]);
            return (
              <tr key={delivery.id} data-delivery-id={delivery.id}>
                <td>{when}</td>
                <td>
                  {event}{" "}
                  <code className="small" dir="ltr">
                    {delivery.event_type}
                  </code>
                </td>
                <td title={delivery.error ? errorText(delivery.error) : undefined}>
                  {i18n._(STATUS_LABEL[delivery.status])}
                </td>
                <td>{delivery.response_code ?? "—"}</td>
                <td>
                  {delivery.duration_ms === null
                    ? "—"
                    : formatNumber(delivery.duration_ms, { style: "unit", unit: "millisecond" })}
                </td>
                <td>{formatNumber(delivery.attempts)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-ghost btn-small"
                    disabled={!hook.enabled || resend.isPending}
                    aria-label={t`Resend “${event}” of ${when}`}
                    onClick={() => resend.mutate(delivery.id)}
                  >
                    <Trans>Resend</Trans>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function CreateWebhookForm({ onCreated }: { onCreated: (hook: { secret: string }) => void }) {
  const { t, i18n } = useLingui();
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
      <h3>
        <Trans>New webhook</Trans>
      </h3>
      {create.error && !fieldError ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <Field
        label={t`Address`}
        error={errors.url ?? server.url}
        hint={t`An https:// address (http:// and home-network addresses where this server allows them).`}
      >
        <input name="url" type="url" dir="ltr" placeholder="https://example.com/hooks/habits" />
      </Field>
      <fieldset className="stack-sm">
        <legend>
          <Trans>Events</Trans>
        </legend>
        <div className="webhook-events">
          {EVENT_TYPES.map((event) => (
            <label key={event}>
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={event === "entry.updated"}
              />{" "}
              {i18n._(EVENT_LABEL[event])}
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
          {create.isPending ? t`Adding…` : t`Add webhook`}
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
  const { t } = useLingui();
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
        <Trans>
          Copy the signing secret now: it is shown this once. Your receiver verifies each delivery
          with it.
        </Trans>
      </p>
      <Field label={t`Signing secret`}>
        <input
          readOnly
          dir="ltr"
          value={secret}
          spellCheck={false}
          onFocus={(e) => e.currentTarget.select()}
        />
      </Field>
      <div className="row actions">
        <button type="button" className="btn btn-primary" onClick={() => void copy()}>
          {copied ? t`Copied` : t`Copy`}
        </button>
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          <Trans context="Closes the secret shown once, after copying it">Done</Trans>
        </button>
      </div>
    </div>
  );
}

function DeleteDialog({ hook, onClose }: { hook: Webhook | null; onClose: () => void }) {
  const { t } = useLingui();
  const remove = useDeleteWebhook();
  const url = hook?.url ?? "";
  return (
    <Dialog open={hook !== null} title={t`Delete this webhook?`} onClose={onClose}>
      <div className="stack">
        <p>
          <Trans>
            Nothing more is sent to <strong dir="ltr">{url}</strong>, and its deliveries are
            deleted.
          </Trans>
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
            {remove.isPending ? t`Deleting…` : t`Delete webhook`}
          </button>
          <button
            type="button"
            className="btn btn-ghost"
            data-dialog-close
            data-autofocus
            onClick={onClose}
          >
            <Trans>Cancel</Trans>
          </button>
        </div>
      </div>
    </Dialog>
  );
}
