import { useNavigate } from "react-router";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { DataTransfer } from "@/features/settings/components/data-transfer";
import { DeleteAccount } from "@/features/settings/components/delete-account";
import { EmailForm } from "@/features/settings/components/email-form";
import { InstallApp } from "@/features/settings/components/install-app";
import { PasswordForm } from "@/features/settings/components/password-form";
import { ProfileForm } from "@/features/settings/components/profile-form";
import { NotificationSettings } from "@/features/reminders/components/notification-settings";
import { ApiTokens } from "@/features/tokens/components/api-tokens";
import { Webhooks } from "@/features/webhooks/components/webhooks";

export function SettingsRoute() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  useDocumentTitle("Settings");
  return (
    <div className="stack narrow">
      <h1>Settings</h1>
      <p className="muted">Signed in as {user.email}</p>
      <section className="card stack" aria-labelledby="prefs-heading">
        <h2 id="prefs-heading">Days and weeks</h2>
        <ProfileForm user={user} />
      </section>
      <section className="card stack" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">Notifications</h2>
        <NotificationSettings />
      </section>
      <section className="card stack" aria-labelledby="install-heading">
        <h2 id="install-heading">App on this device</h2>
        <InstallApp />
      </section>
      <section className="card stack" aria-labelledby="email-heading">
        <h2 id="email-heading">Email</h2>
        <EmailForm email={user.email} />
      </section>
      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">Password</h2>
        <PasswordForm />
      </section>
      <section className="card stack" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <DataTransfer />
      </section>
      <section className="card stack" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">API tokens</h2>
        <ApiTokens />
      </section>
      <section className="card stack" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">Webhooks</h2>
        <Webhooks />
      </section>
      <section className="card stack danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete account</h2>
        <DeleteAccount onDeleted={() => navigate("/register", { replace: true })} />
      </section>
    </div>
  );
}
