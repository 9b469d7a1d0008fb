import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useConfirmEmailChange } from "../api/confirm-email-change";

/** Confirms the new address as soon as the page opens: the link was the confirmation. */
export function ConfirmEmailChange({ token }: { token: string }) {
  const confirm = useConfirmEmailChange();
  const sent = useRef(false);

  useEffect(() => {
    // Once, even under StrictMode's double effects: the token works a single time.
    if (!token || sent.current) return;
    sent.current = true;
    confirm.mutate(token);
  }, [token, confirm]);

  if (!token) return <Alert>This link is no longer valid.</Alert>;
  if (confirm.isSuccess) {
    return (
      <div className="stack">
        <Alert kind="success">
          Your e-mail address is now {confirm.data.email}. Use it the next time you log in.
        </Alert>
        <p>
          <Link to="/">Go to Today</Link>
        </p>
      </div>
    );
  }
  if (confirm.isError) {
    return (
      <div className="stack">
        <Alert>{errorMessage(confirm.error)}</Alert>
        <p>
          <Link to="/settings">Ask for a new link in Settings</Link>
        </p>
      </div>
    );
  }
  return <Skeleton lines={2} label="Confirming your new address" />;
}
