import { Trans } from "@lingui/react/macro";
import { useState } from "react";
import { promptInstall, useInstallState } from "@/lib/install-prompt";

/** "Install app" when the browser offers it, and how to add the app on an iPhone. */
export function InstallApp() {
  const state = useInstallState();
  const [declined, setDeclined] = useState(false);
  return (
    <div className="stack">
      {state === "installed" && (
        <p>
          <Trans>The app is installed on this device.</Trans>
        </p>
      )}
      {state === "available" && (
        <div>
          <button
            type="button"
            className="btn"
            onClick={() => void promptInstall().then((accepted) => setDeclined(!accepted))}
          >
            <Trans>Install app</Trans>
          </button>
        </div>
      )}
      {state === "available" && declined && (
        <p className="muted">
          <Trans>Not installed. You can install it later from the browser menu.</Trans>
        </p>
      )}
      {state === "unavailable" && (
        <p className="muted">
          <Trans>
            Add Habits to your home screen to open it like an app, even without a connection. In
            Chrome or Edge, choose Install app (or Add to Home screen) from the browser menu.
          </Trans>
        </p>
      )}
      <p className="muted">
        <Trans>
          On an iPhone or iPad: open this site in Safari, tap Share, then Add to Home Screen.
        </Trans>
      </p>
    </div>
  );
}
