import { useState, type FormEvent } from "react";
import { Alert } from "@/components/alert";
import { Dialog } from "@/components/dialog";
import { Field } from "@/components/field";
import { errorMessage, fieldErrorsOf } from "@/lib/api-client";
import { zodFieldErrors } from "@/lib/form";
import { createTokenSchema, useCreateToken } from "../api/create-token";
import { useTokens } from "../api/get-tokens";
import { useRevokeToken } from "../api/revoke-token";
import type { ApiToken, CreatedApiToken } from "../api/types";
import "./tokens.css";

function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const SCOPE_LABEL = { read: "Read only", write: "Read and write" } as const;

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
        Let your own scripts and tools (Home Assistant, an NFC tag, a shortcut) read or check in
        your habits with <code>Authorization: Bearer &lt;token&gt;</code>. A token cannot change
        your password, email, tokens or account.
      </p>
      {created ? (
        <NewToken token={created} onDone={() => setCreated(null)} />
      ) : (
        <CreateTokenForm onCreated={setCreated} />
      )}
      <div className="stack-sm">
        <h3 id="tokens-list-heading">Your tokens</h3>
        {tokens.isPending ? (
          <p className="muted">Loading tokens…</p>
        ) : tokens.isError ? (
          <Alert>{errorMessage(tokens.error)}</Alert>
        ) : list.length === 0 ? (
          <p className="muted">No tokens yet.</p>
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
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= now;
  return (
    <li className="row-between token-row" data-token-id={token.id}>
      <span>
        <strong>{token.name}</strong> <span className="badge">{SCOPE_LABEL[token.scope]}</span>
        {expired ? (
          <>
            {" "}
            <span className="badge badge-over">Expired</span>
          </>
        ) : null}
        <br />
        <span className="small muted">
          <code>{token.prefix}…</code> · created {formatWhen(token.created_at)} ·{" "}
          {token.last_used_at ? `last used ${formatWhen(token.last_used_at)}` : "never used"}
          {" · "}
          {token.expires_at
            ? `${expired ? "expired" : "expires"} ${formatWhen(token.expires_at)}`
            : "no expiry"}
        </span>
      </span>
      <button
        type="button"
        className="btn btn-ghost btn-small"
        aria-label={`Revoke ${token.name}`}
        onClick={onRevoke}
      >
        Revoke
      </button>
    </li>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedApiToken) => void }) {
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
      <h3>New token</h3>
      {create.error && !fieldError ? <Alert>{errorMessage(create.error)}</Alert> : null}
      <Field label="Name" error={errors.name ?? server.name} hint="What will use it.">
        <input name="name" maxLength={100} placeholder="Home Assistant" autoComplete="off" />
      </Field>
      <Field label="Access" error={errors.scope ?? server.scope}>
        <select name="scope" defaultValue="read">
          <option value="read">{SCOPE_LABEL.read}</option>
          <option value="write">{SCOPE_LABEL.write} (check in, edit habits)</option>
        </select>
      </Field>
      <Field
        label="Expires"
        error={expiresError}
        hint="Leave empty for a token that never expires."
      >
        <input name="expires_on" type="date" />
      </Field>
      <div>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create token"}
        </button>
      </div>
    </form>
  );
}

function NewToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
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
      <h3>Token “{token.name}” created</h3>
      <p>Copy it now: it is shown this once and cannot be seen again.</p>
      <Field label="Your new token">
        <input
          readOnly
          value={token.token}
          className="token-value"
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

function RevokeDialog({ token, onClose }: { token: ApiToken | null; onClose: () => void }) {
  const revoke = useRevokeToken();
  return (
    <Dialog open={token !== null} title={`Revoke “${token?.name ?? ""}”?`} onClose={onClose}>
      <div className="stack">
        <p>Anything using this token stops working at once. This cannot be undone.</p>
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
            {revoke.isPending ? "Revoking…" : "Revoke token"}
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
