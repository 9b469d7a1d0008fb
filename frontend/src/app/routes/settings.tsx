import { Trans, useLingui } from "@lingui/react/macro";
import { useNavigate } from "react-router";
import { LanguageSelect } from "@/components/language-select";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useUpdateProfile } from "@/features/settings/api/update-profile";
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
  const { t } = useLingui();
  const saveLanguage = useUpdateProfile();
  useDocumentTitle(t`Settings`);
  const email = user.email;
  return (
    <div className="stack narrow">
      <h1>
        <Trans>Settings</Trans>
      </h1>
      <p className="muted">
        <Trans>Signed in as {email}</Trans>
      </p>
      <section className="card stack" aria-labelledby="language-heading">
        <h2 id="language-heading">
          <Trans>Language</Trans>
        </h2>
        <LanguageSelect onChange={(language) => saveLanguage.mutate({ language })} />
      </section>
      <section className="card stack" aria-labelledby="prefs-heading">
        <h2 id="prefs-heading">
          <Trans>Days and weeks</Trans>
        </h2>
        <ProfileForm user={user} />
      </section>
      <section className="card stack" aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">
          <Trans>Notifications</Trans>
        </h2>
        <NotificationSettings />
      </section>
      <section className="card stack" aria-labelledby="install-heading">
        <h2 id="install-heading">
          <Trans>App on this device</Trans>
        </h2>
        <InstallApp />
      </section>
      <section className="card stack" aria-labelledby="email-heading">
        <h2 id="email-heading">
          <Trans>Email</Trans>
        </h2>
        <EmailForm email={user.email} />
      </section>
      <section className="card stack" aria-labelledby="password-heading">
        <h2 id="password-heading">
          <Trans>Password</Trans>
        </h2>
        <PasswordForm />
      </section>
      <section className="card stack" aria-labelledby="data-heading">
        <h2 id="data-heading">
          <Trans>Your data</Trans>
        </h2>
        <DataTransfer />
      </section>
      <section className="card stack" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">
          <Trans>API tokens</Trans>
        </h2>
        <ApiTokens />
      </section>
      <section className="card stack" aria-labelledby="webhooks-heading">
        <h2 id="webhooks-heading">
          <Trans>Webhooks</Trans>
        </h2>
        <Webhooks />
      </section>
      <section className="card stack danger-zone" aria-labelledby="delete-heading">
        <h2 id="delete-heading">
          <Trans>Delete account</Trans>
        </h2>
        <DeleteAccount onDeleted={() => navigate("/register", { replace: true })} />
      </section>
    </div>
  );
}
