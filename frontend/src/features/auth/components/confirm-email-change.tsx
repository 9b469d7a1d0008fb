import { Trans, useLingui } from "@lingui/react/macro";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useConfirmEmailChange } from "../api/confirm-email-change";

/** Confirms the new address as soon as the page opens: the link was the confirmation. */
export function ConfirmEmailChange({ token }: { token: string }) {
  const confirm = useConfirmEmailChange();
  const { t } = useLingui();
  const sent = useRef(false);

  useEffect(() => {
    // Once, even under StrictMode's double effects: the token works a single time.
    if (!token || sent.current) return;
    sent.current = true;
    confirm.mutate(token);
  }, [token, confirm]);

  if (!token) {
    return (
      <Alert>
        <Trans>This link is no longer valid.</Trans>
      </Alert>
    );
  }
  if (confirm.isSuccess) {
    const email = confirm.data.email;
    return (
      <div className="stack">
        <Alert kind="success">
          <Trans>Your e-mail address is now {email}. Use it the next time you log in.</Trans>
        </Alert>
        <p>
          <Link to="/">
            <Trans>Go to Today</Trans>
          </Link>
        </p>
      </div>
    );
  }
  if (confirm.isError) {
    return (
      <div className="stack">
        <Alert>{errorMessage(confirm.error)}</Alert>
        <p>
          <Link to="/settings">
            <Trans>Ask for a new link in Settings</Trans>
          </Link>
        </p>
      </div>
    );
  }
  return <Skeleton lines={2} label={t`Confirming your new address`} />;
}
