import { defineConfig } from "@lingui/cli";
import { formatter } from "@lingui/format-po";

// One catalog per area of the app and language, so that the people who translate (or change) an
// area own its files; the app loads every catalog of the active language at once
// (src/lib/i18n/catalogs.ts). See docs/translating.md.
const areas: Record<string, string[]> = {
  core: [
    "src/app",
    "src/components",
    "src/lib",
    "src/utils",
    "src/features/auth",
    "src/features/settings",
    "src/features/offline",
  ],
  habits: ["src/features/habits", "src/features/groups", "src/features/reminders"],
  days: ["src/features/today", "src/features/stats", "src/features/overview"],
  integrations: ["src/features/tokens", "src/features/webhooks"],
};

// LINGUI_AREA=<area> limits extraction to that area's catalogs, so that people working on
// different areas at once never rewrite each other's files; the check (npm run check:i18n)
// always covers every area.
const only = process.env.LINGUI_AREA;
// The catalog check (scripts/check-catalogs.mjs) extracts into a copy, never into the real files.
const catalogDir = process.env.LINGUI_CATALOG_DIR ?? "<rootDir>/src/locales";

export default defineConfig({
  sourceLocale: "en",
  locales: ["en", "de", "fr", "es", "pt-BR", "ar"],
  fallbackLocales: { default: "en" },
  catalogs: Object.entries(areas)
    .filter(([area]) => !only || area === only)
    .map(([area, include]) => ({
      path: `${catalogDir}/{locale}/${area}`,
      include,
      exclude: ["**/*.test.ts", "**/*.test.tsx", "**/testing/**"],
    })),
  format: formatter({ lineNumbers: false }),
});
