import { Link } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { ForgotPasswordForm } from "@/features/auth/components/forgot-password-form";

export function ForgotPasswordRoute() {
  useDocumentTitle("Forgot password");
  return (
    <div className="card stack auth-card">
      <h1>Forgot your password?</h1>
      <p className="muted">
        Enter the e-mail address you sign in with. We send it a link to choose a new password.
      </p>
      <ForgotPasswordForm />
      <p>
        Remembered it? <Link to="/login">Log in</Link>
      </p>
    </div>
  );
}
