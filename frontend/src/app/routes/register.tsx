import { Trans, useLingui } from "@lingui/react/macro";
import { Link, useNavigate } from "react-router";
import { LanguageSelect } from "@/components/language-select";
import { useDocumentTitle } from "@/lib/use-document-title";
import { RegisterForm } from "@/features/auth/components/register-form";

export function RegisterRoute() {
  const navigate = useNavigate();
  const { t } = useLingui();
  useDocumentTitle(t`Sign up`);
  return (
    <div className="card stack auth-card">
      <LanguageSelect />
      <h1>
        <Trans>Create your account</Trans>
      </h1>
      <p className="muted">
        <Trans>Build habits one day at a time. Free and open source.</Trans>
      </p>
      <RegisterForm onSuccess={() => navigate("/", { replace: true })} />
      <p>
        <Trans>
          Already have an account? <Link to="/login">Log in</Link>
        </Trans>
      </p>
    </div>
  );
}
