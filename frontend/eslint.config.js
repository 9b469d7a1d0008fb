import js from "@eslint/js";
import globals from "globals";
import lingui from "eslint-plugin-lingui";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const FEATURES = [
  "auth",
  "today",
  "habits",
  "stats",
  "settings",
  "offline",
  "reminders",
  "groups",
  "overview",
  "tokens",
  "webhooks",
];

// Features are independent: they may use shared code (components, lib, utils,
// types) but never each other. Composition happens in src/app/routes.
const featureBoundaries = FEATURES.map((feature) => ({
  files: [`src/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            regex: `^@/features/(?!${feature}(/|$))`,
            message: "Features must not import other features; compose them in src/app.",
          },
          {
            regex: "^@/app(/|$)",
            message: "Features must not import from the app layer.",
          },
          {
            group: ["../../*", "../../../*"],
            message: "Use the @/ alias instead of reaching out of the feature with ../../",
          },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ["dist", "node_modules", "coverage", "e2e"] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ["**/*.{ts,tsx}"],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
    },
    plugins: {
      "react-hooks": reactHooks,
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/components/**", "src/lib/**", "src/utils/**", "src/types/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^@/(features|app)(/|$)",
              message: "Shared code must not depend on features or the app layer.",
            },
          ],
        },
      ],
    },
  },
  ...featureBoundaries,
  // Every string a person reads goes through the catalogs (docs/translating.md): text in JSX,
  // attributes such as aria-label and placeholder, and messages built in code. What the rule
  // lets through are identifiers (no space, not capitalised), constants, CSS classes, and
  // calls whose strings are never shown (errors for developers, DOM and storage keys).
  {
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/**/*.test.{ts,tsx}", "src/testing/**", "src/types/**"],
    plugins: { lingui },
    rules: {
      ...lingui.configs.recommended.rules,
      "lingui/no-unlocalized-strings": [
        "error",
        {
          ignore: ["^(?![A-Z])\\S+$", "^[A-Z0-9_-]+$", "^[^\\p{L}]*$"],
          ignoreNames: [
            { regex: { pattern: "className", flags: "i" } },
            { regex: { pattern: "^[A-Z0-9_-]+$" } },
            "id",
            "type",
            "src",
            "href",
            "to",
            "rel",
            "name",
            "role",
            "method",
            "key",
            "lang",
            "autoComplete",
            "inputMode",
            "pattern",
            "mode",
            "credentials",
            "Accept",
            "Authorization",
            "Content-Type",
            "X-CSRFToken",
            "Accept-Language",
          ],
          ignoreFunctions: [
            "Error",
            "ApiError",
            "TypeError",
            "console.*",
            "*.headers.set",
            "*.addEventListener",
            "*.removeEventListener",
            "*.postMessage",
            "*.getElementById",
            "*.querySelector",
            "*.querySelectorAll",
            "*.getItem",
            "*.setItem",
            "*.removeItem",
            "*.includes",
            "*.startsWith",
            "*.endsWith",
            "*.get",
            "*.has",
            "*.set",
            "*.delete",
            "document.createElement",
            "new URL",
            "URL",
            "matchMedia",
            "*.matchMedia",
          ],
        },
      ],
    },
  },
  {
    files: ["scripts/**/*.mjs", "*.js"],
    languageOptions: { globals: globals.node },
  },
);
