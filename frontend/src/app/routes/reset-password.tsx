import { Trans, useLingui } from "@lingui/react/macro";
import { useNavigate } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLinkParams } from "@/features/auth/components/link-params";
import { ResetPasswordForm } from "@/features/auth/components/reset-password-form";

/** Opened from the e-mailed link, signed in or not: the link decides whose password it is. */
export function ResetPasswordRoute() {
  const params = useLinkParams();
  const navigate = useNavigate();
  const { t } = useLingui();
  useDocumentTitle(t`Choose a new password`);
  return (
    <main id="main" className="container narrow page" tabIndex={-1}>
      <div className="card stack auth-card">
        <h1>
          <Trans>Choose a new password</Trans>
        </h1>
        <p className="muted">
          <Trans>This logs you in here and out everywhere else.</Trans>
        </p>
        <ResetPasswordForm
          uid={params.get("uid") ?? ""}
          token={params.get("token") ?? ""}
          onSuccess={() => navigate("/", { replace: true })}
        />
      </div>
    </main>
  );
}
