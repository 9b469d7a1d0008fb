#!/usr/bin/env node
// Budget check for the Today screen: the gzipped size of the entry chunk and
// every chunk it imports statically (what the browser must download before
// Today can render). Lazy routes (dynamicImports) are not counted.
// Usage: node scripts/check-bundle-size.mjs [distDir] [budgetKiB]

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

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
  let total = 0;
  for (const file of initialFiles(manifest, "js")) {
    const size = gzippedSize(join(distDir, file));
    total += size;
    console.log(`  ${file.padEnd(40)} ${kib(size).padStart(7)} KiB gz`);
  }
  let css = 0;
  for (const file of initialFiles(manifest, "css")) css += gzippedSize(join(distDir, file));

  console.log(`Initial JS for Today: ${kib(total)} KiB gzipped (budget ${budgetKiB} KiB)`);
  console.log(`Initial CSS: ${kib(css)} KiB gzipped (not counted)`);
  if (total > budgetKiB * 1024) {
    console.error(`Over budget by ${kib(total - budgetKiB * 1024)} KiB.`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
