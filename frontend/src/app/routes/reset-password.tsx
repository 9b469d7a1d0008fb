import { useNavigate } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useLinkParams } from "@/features/auth/components/link-params";
import { ResetPasswordForm } from "@/features/auth/components/reset-password-form";

/** Opened from the e-mailed link, signed in or not: the link decides whose password it is. */
export function ResetPasswordRoute() {
  const params = useLinkParams();
  const navigate = useNavigate();
  useDocumentTitle("Choose a new password");
  return (
    <main id="main" className="container narrow page" tabIndex={-1}>
      <div className="card stack auth-card">
        <h1>Choose a new password</h1>
        <p className="muted">This logs you in here and out everywhere else.</p>
        <ResetPasswordForm
          uid={params.get("uid") ?? ""}
          token={params.get("token") ?? ""}
          onSuccess={() => navigate("/", { replace: true })}
        />
      </div>
    </main>
  );
}
