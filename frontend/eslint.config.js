import js from "@eslint/js";
import globals from "globals";
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
  {
    files: ["scripts/**/*.mjs", "*.js"],
    languageOptions: { globals: globals.node },
  },
);
