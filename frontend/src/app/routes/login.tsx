import { Link, useNavigate, useSearchParams } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { LoginForm } from "@/features/auth/components/login-form";

/** Only same-site paths are followed after login, never another origin. */
export function safeNext(next: string | null): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}

export function LoginRoute() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useDocumentTitle("Log in");
  return (
    <div className="card stack auth-card">
      <h1>Log in</h1>
      <LoginForm onSuccess={() => navigate(safeNext(params.get("next")), { replace: true })} />
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to="/register">Create an account</Link>
      </p>
    </div>
  );
}
