import { Trans, useLingui } from "@lingui/react/macro";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLinkParams } from "@/features/auth/components/link-params";
import { ConfirmEmailChange } from "@/features/auth/components/confirm-email-change";

/** Opened from the link sent to the new address, signed in or not. */
export function ConfirmEmailRoute() {
  const params = useLinkParams();
  const { t } = useLingui();
  useDocumentTitle(t`Confirm your new e-mail address`);
  return (
    <main id="main" className="container narrow page" tabIndex={-1}>
      <div className="card stack auth-card">
        <h1>
          <Trans>New e-mail address</Trans>
        </h1>
        <ConfirmEmailChange token={params.get("token") ?? ""} />
      </div>
    </main>
  );
}
