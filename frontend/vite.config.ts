/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import babel from "@rolldown/plugin-babel";
import { lingui } from "@lingui/vite-plugin";
import { VitePWA } from "vite-plugin-pwa";

// The API is same-origin in every environment; in development Vite forwards
// /api to the Django server so cookies and CSRF behave as in production.
const apiTarget = process.env.VITE_API_PROXY ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [
    react(),
    // Lingui's macros (t, Trans, plural) become catalog lookups at build time; the .po
    // catalogs are compiled on import, one chunk per area and language (lingui.config.ts).
    babel({
      plugins: ["@lingui/babel-plugin-lingui-macro"],
      include: /\/src\/.*\.[jt]sx?$/,
    }),
    lingui(),
    // src/sw.ts is built beside the app and given the list of this build's files to precache
    // (docs/decisions/0013-offline-first.md). The page registers it itself (features/offline)
    // and public/manifest.webmanifest is written by hand, so the plugin injects neither.
    VitePWA({
      strategies: "injectManifest",
      srcDir: "src",
      filename: "sw.ts",
      injectRegister: false,
      manifest: false,
      injectManifest: {
        globPatterns: ["**/*.{js,css,html,svg,png,webmanifest}"],
        rollupFormat: "iife",
        // Vite's file names under assets/ carry a content hash: no revision needed.
        dontCacheBustURLsMatching: /^assets\//,
      },
      devOptions: { enabled: false },
    }),
  ],
  resolve: {
    alias: { "@": new URL("./src", import.meta.url).pathname },
  },
  server: {
    proxy: { "/api": { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: "dist",
    // The manifest lets scripts/check-bundle-size.mjs find the entry chunk
    // and its static imports without guessing hashed file names.
    manifest: true,
    sourcemap: false,
    rollupOptions: {
      output: {
        // Catalog chunks say whose they are (assets/i18n-de-core-<hash>.js), so the wire
        // budget test can tell that only the active language's catalogs were fetched.
        chunkFileNames(chunk) {
          const catalog = chunk.facadeModuleId?.match(/locales\/([\w-]+)\/(\w+)\.po$/);
          return catalog
            ? `assets/i18n-${catalog[1]}-${catalog[2]}-[hash].js`
            : "assets/[name]-[hash].js";
        },
      },
    },
  },
  test: {
    environment: "jsdom",
    globals: false,
    setupFiles: ["./src/testing/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.mjs"],
    css: false,
    // The heatmap renders ~370 buttons; jsdom on a busy 2-core CI box is slow.
    testTimeout: 20_000,
  },
});
