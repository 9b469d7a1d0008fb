#!/usr/bin/env node
// Precompress the built web app for the server `make run` starts: a Brotli (.br) and a gzip
// (.gz) file beside every text file of dist/. WhiteNoise finds these siblings at start-up and
// sends the smallest one the browser accepts, with Content-Encoding and Vary: Accept-Encoding;
// compressing once at build time costs no CPU per request and allows Brotli's best level.
// Only `make build` runs this: on AWS the app is on S3 behind CloudFront, which compresses by
// itself, so `npm run build` (what the deploy runs) leaves dist/ without the extra files.
// Usage: node scripts/precompress.mjs [distDir]

import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

// Formats that are text underneath; images and fonts are compressed already.
export const COMPRESSIBLE = new Set([
  ".js",
  ".mjs",
  ".css",
  ".html",
  ".svg",
  ".json",
  ".webmanifest",
  ".txt",
  ".xml",
  ".map",
]);

// Like WhiteNoise's own compressor: a sibling that saves less than 5% is not worth a header.
const MIN_SAVING = 0.05;

/** Every compressible file under dir, skipping dot-folders such as .vite/ (build metadata). */
export function compressibleFiles(dir) {
  const files = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...compressibleFiles(path));
    else if (entry.isFile() && COMPRESSIBLE.has(extname(entry.name))) files.push(path);
  }
  return files;
}

function brotli(data) {
  return brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
}

/** Write path.br and path.gz when each saves enough; returns their sizes (null: not written). */
export function precompress(path) {
  const data = readFileSync(path);
  const sizes = { original: data.length, br: null, gz: null };
  for (const [suffix, compress] of [
    ["br", brotli],
    ["gz", (input) => gzipSync(input, { level: 9 })],
  ]) {
    const compressed = compress(data);
    const target = `${path}.${suffix}`;
    if (compressed.length <= data.length * (1 - MIN_SAVING)) {
      writeFileSync(target, compressed);
      sizes[suffix] = compressed.length;
    } else {
      // A sibling left from an earlier run would be served in place of the new file.
      rmSync(target, { force: true });
    }
  }
  return sizes;
}

function main() {
  const here = fileURLToPath(new URL(".", import.meta.url));
  const distDir = resolve(process.argv[2] ?? join(here, "..", "dist"));
  let files;
  try {
    files = compressibleFiles(distDir);
  } catch (error) {
    console.error(`Cannot read ${distDir}: run "npm run build" first.`);
    console.error(String(error));
    process.exit(2);
  }
  let original = 0;
  let br = 0;
  let written = 0;
  for (const file of files) {
    const sizes = precompress(file);
    original += sizes.original;
    br += sizes.br ?? sizes.original;
    if (sizes.br !== null || sizes.gz !== null) written += 1;
  }
  const kib = (bytes) => (bytes / 1024).toFixed(1);
  console.log(
    `Precompressed ${written} of ${files.length} files in ${distDir}: ` +
      `${kib(original)} KiB -> ${kib(br)} KiB with Brotli`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
