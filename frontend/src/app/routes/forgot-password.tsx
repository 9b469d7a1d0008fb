import { Trans, useLingui } from "@lingui/react/macro";
import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { ForgotPasswordForm } from "@/features/auth/components/forgot-password-form";

export function ForgotPasswordRoute() {
  const { t } = useLingui();
  useDocumentTitle(t`Forgot password`);
  return (
    <div className="card stack auth-card">
      <h1>
        <Trans>Forgot your password?</Trans>
      </h1>
      <p className="muted">
        <Trans>
          Enter the e-mail address you sign in with. We send it a link to choose a new password.
        </Trans>
      </p>
      <ForgotPasswordForm />
      <p>
        <Trans>
          Remembered it? <Link to="/login">Log in</Link>
        </Trans>
      </p>
    </div>
  );
}
