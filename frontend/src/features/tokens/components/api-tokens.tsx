import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { formattingLocale } from "@/lib/i18n";
import { createTokenSchema, useCreateToken } from "../api/create-token";
import { useTokens } from "../api/get-tokens";
import { useRevokeToken } from "../api/revoke-token";
import type { ApiToken, CreatedApiToken } from "../api/types";
import "./tokens.css";

/** A moment (an ISO timestamp) in the active language, in this browser's time zone. */
function formatWhen(iso: string): string {
  return new Intl.DateTimeFormat(formattingLocale(), {
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

const SCOPE_LABEL: Record<"read" | "write", MessageDescriptor> = {
  read: msg`Read only`,
  write: msg`Read and write`,
};

/** Personal API tokens in Settings: create one (shown once), see them, revoke one. */
export function ApiTokens() {
  const tokens = useTokens();
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  // The moment the page opened decides "Expired"; a token expiring while it is open shows
  // as such after the next visit (the server refuses it at once either way).
  const [openedAt] = useState(() => Date.now());
  const list = tokens.data ?? [];

  return (
    <div className="stack">
      <p className="muted">
        <Trans>
          Let your own scripts and tools (Home Assistant, an NFC tag, a shortcut) read or check in
          your habits with <code dir="ltr">Authorization: Bearer &lt;token&gt;</code>. A token
          cannot change your password, email, tokens or account.
        </Trans>
      </p>
      {created ? (
        <NewToken token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm onCreated={setCreated} />
      )}
      <div className="stack-sm">
        <h3 id="tokens-list-heading">
          <Trans>Your tokens</Trans>
        </h3>
        {tokens.isPending ? (
          <p className="muted">
            <Trans>Loading tokens…</Trans>
          </p>
        ) : tokens.isError ? (
          <Alert>{errorMessage(tokens.error)}</Alert>
        ) : list.length === 0 ? (
          <p className="muted">
            <Trans>No tokens yet.</Trans>
          </p>
        ) : (
          <ul className="token-list" aria-labelledby="tokens-list-heading">
            {list.map((token) => (
              <TokenRow
                key={token.id}
                token={token}
                now={openedAt}
                onRevoke={() => setRevoking(token)}
              />
            ))}
          </ul>
        )}
      </div>
      <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />
    </div>
  );
}

function TokenRow({
  token,
  now,
  onRevoke,
}: {
  token: ApiToken;
  now: number;
  onRevoke: () => void;
}) {
  const { t, i18n } = useLingui();
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= now;
  const created = formatWhen(token.created_at);
  const name = token.name;
  const lastUsed = token.last_used_at ? formatWhen(token.last_used_at) : null;
  const expires = token.expires_at ? formatWhen(token.expires_at) : null;
  return (
    <li className="row-between token-row" data-token-id={token.id}>
      <span>
        <strong>{token.name}</strong>{" "}
        <span className="badge">{i18n._(SCOPE_LABEL[token.scope])}</span>
        {expired ? (
          <>
            {" "}
            <span className="badge badge-over">
              <Trans>Expired</Trans>
            </span>
          </>
        ) : null}
        <br />
        <span className="small muted">
          <code dir="ltr">{token.prefix}…</code> · {t`created ${created}`} ·{" "}
          {lastUsed ? t`last used ${lastUsed}` : t`never used`}
          {" · "}
          {expires ? (expired ? t`expired ${expires}` : t`expires ${expires}`) : t`no expiry`}
        </span>
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label={t`Revoke ${name}`}
        onClick={onRevoke}
      >
        <Trans>Revoke</Trans>
      </button>
    </li>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
  const { t, i18n } = useLingui();
  const create = useCreateToken();
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const parsed = createTokenSchema.safeParse({
      name: String(data.get("name") ?? ""),
      scope: String(data.get("scope") ?? "read"),
      expires_on: String(data.get("expires_on") ?? ""),
    });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error));
      return;
    }
    setErrors({});
    create.mutate(parsed.data, { onSuccess: onCreated });
  };

  const server = fieldErrorsOf(create.error);
  const expiresError = errors.expires_on ?? server.expires_at;
  const fieldError = server.name ?? server.scope ?? server.expires_at;
  return (
    <form className="stack-sm token-form" onSubmit={submit} noValidate>
      <h3>
        <Trans>New token</Trans>
      </h3>
      {create.error && !fieldError ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <Field label={t`Name`} error={errors.name ?? server.name} hint={t`What will use it.`}>
        <input
          name="name"
          maxLength={100}
          // An example: a product's name, the same in every language.
          placeholder="Home Assistant"
          autoComplete="off"
        />
      </Field>
      <Field label={t`Access`} error={errors.scope ?? server.scope}>
        <select name="scope" defaultValue="read">
          <option value="read">{i18n._(SCOPE_LABEL.read)}</option>
          <option value="write">{t`Read and write (check in, edit habits)`}</option>
        </select>
      </Field>
      <Field
        label={t`Expires`}
        error={expiresError}
        hint={t`Leave empty for a token that never expires.`}
      >
        <input name="expires_on" type="date" />
      </Field>
      <div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t`Creating…` : t`Create token`}
        </button>
      </div>
    </form>
  );
}

function NewToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useLingui();
  const name = token.name;
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard permission: the field stays selectable
    }
  };
  return (
    <div className="stack-sm token-created" role="status">
      <h3>
        <Trans>Token “{name}” created</Trans>
      </h3>
      <p>
        <Trans>Copy it now: it is shown this once and cannot be seen again.</Trans>
      </p>
      <Field label={t`Your new token`}>
        <input
          readOnly
          dir="ltr"
          value={token.token}
          className="token-value"
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

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const { t } = useLingui();
  const revoke = useRevokeToken();
  const name = token?.name ?? "";
  return (
    <Dialog open={token !== null} title={t`Revoke “${name}”?`} onClose={onClose}>
      <div className="stack">
        <p>
          <Trans>Anything using this token stops working at once. This cannot be undone.</Trans>
        </p>
        {revoke.error ? <Alert>{errorMessage(revoke.error)}</Alert> : null}
        <div className="row actions">
          <button
            type="button"
            className="btn btn-danger"
            disabled={revoke.isPending}
            onClick={() =>
              token &&
              revoke.mutate(token.id, {
                onSuccess: () => {
                  revoke.reset();
                  onClose();
                },
              })
            }
          >
            {revoke.isPending ? t`Revoking…` : t`Revoke token`}
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
