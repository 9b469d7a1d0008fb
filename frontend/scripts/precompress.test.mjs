// @vitest-environment node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compressibleFiles, precompress } from "./precompress.mjs";

let dist;

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), "precompress-"));
  mkdirSync(join(dist, "assets"));
  mkdirSync(join(dist, ".vite"));
});

afterEach(() => rmSync(dist, { recursive: true, force: true }));

const script = "export function habit(name) { return `habit ${name}`; }\n".repeat(200);

describe("compressibleFiles", () => {
  it("finds text files in sub-folders and skips images and build metadata", () => {
    writeFileSync(join(dist, "index.html"), "<!doctype html>");
    writeFileSync(join(dist, "assets", "index-abc.js"), script);
    writeFileSync(join(dist, "assets", "icon-192.png"), Buffer.from([137, 80, 78, 71]));
    writeFileSync(join(dist, ".vite", "manifest.json"), "{}");
    expect(compressibleFiles(dist).sort()).toEqual([
      join(dist, "assets", "index-abc.js"),
      join(dist, "index.html"),
    ]);
  });
});

describe("precompress", () => {
  it("writes Brotli and gzip siblings that decompress to the original", () => {
    const path = join(dist, "assets", "index-abc.js");
    writeFileSync(path, script);
    const sizes = precompress(path);
    expect(brotliDecompressSync(readFileSync(`${path}.br`)).toString()).toBe(script);
    expect(gunzipSync(readFileSync(`${path}.gz`)).toString()).toBe(script);
    expect(sizes.br).toBeLessThan(sizes.gz);
    expect(sizes.gz).toBeLessThan(script.length / 10);
  });

  it("leaves a file alone when compressing it would not save 5%", () => {
    const path = join(dist, "assets", "tiny.js");
    writeFileSync(path, "x()");
    writeFileSync(`${path}.br`, "stale sibling of an earlier build");
    expect(precompress(path)).toEqual({ original: 3, br: null, gz: null });
    expect(existsSync(`${path}.br`)).toBe(false);
    expect(existsSync(`${path}.gz`)).toBe(false);
  });
});
