// First, before any module that defines or parses a schema: see lib/zod-config.ts.
import "@/lib/zod-config";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "@/app/app";
import { registerServiceWorker } from "@/features/offline/service-worker";
import { captureInstallPrompt } from "@/lib/install-prompt";
import { activateLocale, initialLocale } from "@/lib/i18n";
import { applyTheme } from "@/lib/theme";
import "./index.css";

// Applied before the first render; an inline script in index.html would be
// earlier but the Content-Security-Policy forbids inline scripts.
applyTheme();
// Chromium offers installation once, early: keep the offer for Settings.
captureInstallPrompt();

const root = document.getElementById("root");
if (!root) throw new Error("index.html must contain #root");

// The language's catalogs (one small chunk per area) load before the first render, so no screen
// ever flashes in another language. Should they fail to load, the app still starts, in English.
void activateLocale(initialLocale())
  .catch(() => activateLocale("en"))
  .finally(() => {
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
    // After the first screen has loaded: the app shell is saved for offline use.
    registerServiceWorker();
  });
