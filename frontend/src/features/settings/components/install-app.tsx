import { useState } from "react";
import { promptInstall, useInstallState } from "@/lib/install-prompt";

/** "Install app" when the browser offers it, and how to add the app on an iPhone. */
export function InstallApp() {
  const state = useInstallState();
  const [declined, setDeclined] = useState(false);
  return (
    <div className="stack">
      {state === "installed" && <p>The app is installed on this device.</p>}
      {state === "available" && (
        <div>
          <button
            type="button"
            className="btn"
            onClick={() => void promptInstall().then((accepted) => setDeclined(!accepted))}
          >
            Install app
          </button>
        </div>
      )}
      {state === "available" && declined && (
        <p className="muted">Not installed. You can install it later from the browser menu.</p>
      )}
      {state === "unavailable" && (
        <p className="muted">
          Add Habits to your home screen to open it like an app, even without a connection. In
          Chrome or Edge, choose Install app (or Add to Home screen) from the browser menu.
        </p>
      )}
      <p className="muted">
        On an iPhone or iPad: open this site in Safari, tap Share, then Add to Home Screen.
      </p>
    </div>
  );
}
