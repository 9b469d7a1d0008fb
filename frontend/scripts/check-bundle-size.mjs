#!/usr/bin/env node
// A quick check of the files, before any server runs: the compressed size of the entry chunk
// and every chunk it imports statically, which every first screen downloads (Today ships in
// the entry chunk; other screens add their own lazy chunk on top). It fails early when that
// floor alone is over the budget. The budget that counts is measured on the wire, from the
// server `make run` starts, by frontend/e2e/test_wire_budget.py: these figures match it only
// because `make build` precompresses the files that WhiteNoise then sends.
// Usage: node scripts/check-bundle-size.mjs [distDir] [budgetKiB]

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

/** Files of the entry chunk and its static imports, in load order. */
export function initialFiles(manifest, kind = "js") {
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
  if (!entryKey) throw new Error("No entry chunk in the Vite manifest");
  const seen = new Set();
  const files = [];
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`Manifest has no chunk ${key}`);
    if (kind === "js") files.push(chunk.file);
    else files.push(...(chunk.css ?? []));
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entryKey);
  return [...new Set(files)];
}

export function gzippedSize(path) {
  return gzipSync(readFileSync(path), { level: 9 }).length;
}

export function brotliSize(path) {
  const params = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
  return brotliCompressSync(readFileSync(path), { params }).length;
}

function main() {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const distDir = resolve(process.argv[2] ?? join(here, "..", "dist"));
  const budgetKiB = Number(process.argv[3] ?? process.env.TODAY_JS_BUDGET_KIB ?? 150);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(distDir, ".vite", "manifest.json"), "utf8"));
  } catch (error) {
    console.error(`Cannot read ${distDir}/.vite/manifest.json: run "npm run build" first.`);
    console.error(String(error));
    process.exit(2);
  }
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  let gzip = 0;
  let brotli = 0;
  for (const file of initialFiles(manifest, "js")) {
    const [gz, br] = [gzippedSize(join(distDir, file)), brotliSize(join(distDir, file))];
    gzip += gz;
    brotli += br;
    console.log(
      `  ${file.padEnd(40)} ${kib(gz).padStart(7)} KiB gzip ${kib(br).padStart(7)} KiB br`,
    );
  }
  let css = 0;
  for (const file of initialFiles(manifest, "css")) css += gzippedSize(join(distDir, file));

  console.log(
    `JavaScript every first screen loads (entry chunk and its static imports): ` +
      `${kib(gzip)} KiB gzip, ${kib(brotli)} KiB Brotli (budget ${budgetKiB} KiB for gzip)`,
  );
  console.log(`CSS: ${kib(css)} KiB gzip (not counted)`);
  console.log(
    "Sizes of the files compressed here, not a transfer: the wire budget, with each screen's " +
      "own chunks, is frontend/e2e/test_wire_budget.py (make test-e2e).",
  );
  if (gzip > budgetKiB * 1024) {
    console.error(
      `Over budget by ${kib(gzip - budgetKiB * 1024)} KiB before any screen's own chunk.`,
    );
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
