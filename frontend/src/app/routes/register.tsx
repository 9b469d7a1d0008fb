import { Link, useNavigate } from "react-router";
import { useDocumentTitle } from "@/lib/use-document-title";
import { RegisterForm } from "@/features/auth/components/register-form";

export function RegisterRoute() {
  const navigate = useNavigate();
  useDocumentTitle("Sign up");
  return (
    <div className="card stack auth-card">
      <h1>Create your account</h1>
      <p className="muted">Build habits one day at a time. Free and open source.</p>
      <RegisterForm onSuccess={() => navigate("/", { replace: true })} />
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </div>
  );
}
