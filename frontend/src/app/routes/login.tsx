import { Trans, useLingui } from "@lingui/react/macro";
import { Link, useNavigate, useSearchParams } from "react-router";
import { LanguageSelect } from "@/components/language-select";
import { useDocumentTitle } from "@/lib/use-document-title";
import { LoginForm } from "@/features/auth/components/login-form";

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { t } = useLingui();
  useDocumentTitle(t`Log in`);
  return (
    <div className="card stack auth-card">
      <LanguageSelect />
      <h1>
        <Trans>Log in</Trans>
      </h1>
      <LoginForm onSuccess={() => navigate(safeNext(params.get("next")), { replace: true })} />
      <p>
        <Link to="/forgot-password">
          <Trans>Forgot your password?</Trans>
        </Link>
      </p>
      <p>
        <Trans>
          New here? <Link to="/register">Create an account</Link>
        </Trans>
      </p>
    </div>
  );
}
