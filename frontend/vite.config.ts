/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The API is same-origin in every environment; in development Vite forwards
// /api to the Django server so cookies and CSRF behave as in production.
const apiTarget = process.env.VITE_API_PROXY ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
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
