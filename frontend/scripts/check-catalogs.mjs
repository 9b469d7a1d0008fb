// The catalogs' check, run by `make test` (npm run check:i18n):
// 1. every message the source uses is in the catalogs and every catalog entry is still used:
//    `lingui extract --clean` on a copy of the catalogs must change nothing but its date;
// 2. every language translates every message, keeping its placeholders ({name}, <0>…</0>)
//    and, for plurals, the ICU structure; Arabic's plurals name its six categories.
// Exits 1 with the list of problems. docs/translating.md explains how to fix each.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import PO from "pofile";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const LOCALES_DIR = join(ROOT, "src", "locales");
const SOURCE = "en";

function catalogFiles() {
  const files = [];
  for (const locale of readdirSync(LOCALES_DIR)) {
    for (const file of readdirSync(join(LOCALES_DIR, locale))) {
      if (file.endsWith(".po")) files.push({ locale, file, path: join(LOCALES_DIR, locale, file) });
    }
  }
  return files;
}

function entries(path) {
  return PO.parse(readFileSync(path, "utf8")).items.filter((item) => !item.obsolete);
}

const key = (item) => `${item.msgctxt ?? ""}\u0004${item.msgid}`;

/** What `lingui extract --clean` would add to or drop from each catalog: extracted into a
 * copy of the catalogs (LINGUI_CATALOG_DIR), so the real files are never touched. */
function compareWithSource() {
  const problems = [];
  const copy = mkdtempSync(join(tmpdir(), "catalogs-"));
  cpSync(LOCALES_DIR, copy, { recursive: true });
  try {
    execFileSync("npx", ["lingui", "extract", "--clean"], {
      cwd: ROOT,
      stdio: "pipe",
      env: { ...process.env, LINGUI_CATALOG_DIR: copy, LINGUI_AREA: "" },
    });
    for (const { locale, file, path } of catalogFiles()) {
      if (locale !== SOURCE) continue;
      const committed = new Set(entries(path).map(key));
      const extracted = new Set(entries(join(copy, locale, file)).map(key));
      for (const id of extracted) {
        if (!committed.has(id))
          problems.push(
            `${file}: used in the source, not in the catalog: ${JSON.stringify(id.split("\u0004")[1])}`,
          );
      }
      for (const id of committed) {
        if (!extracted.has(id))
          problems.push(
            `${file}: in the catalog, no longer used: ${JSON.stringify(id.split("\u0004")[1])}`,
          );
      }
    }
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return problems;
}

/** The placeholders of an ICU message: {name}, the plural/select variable, and <0> tags. */
function placeholders(message) {
  const found = new Set();
  for (const match of message.matchAll(/\{\s*([\w.]+)\s*(?:[},])/g)) found.add(`{${match[1]}}`);
  for (const match of message.matchAll(/<\/?(\d+)\/?>/g)) found.add(`<${match[1]}>`);
  return [...found].sort().join(" ");
}

const PLURAL_CATEGORIES = {
  ar: ["zero", "one", "two", "few", "many", "other"],
};

function checkTranslations() {
  const problems = [];
  const sourceIds = new Map();
  for (const { locale, file, path } of catalogFiles()) {
    if (locale === SOURCE) sourceIds.set(file, new Set(entries(path).map(key)));
  }
  for (const { locale, file, path } of catalogFiles()) {
    if (locale === SOURCE) continue;
    const items = entries(path);
    const ids = new Set(items.map(key));
    for (const id of sourceIds.get(file) ?? []) {
      if (!ids.has(id))
        problems.push(`${locale}/${file}: lacks ${JSON.stringify(id.split("\u0004")[1])}`);
    }
    for (const item of items) {
      const translation = item.msgstr.join("");
      const where = `${locale}/${file}: ${JSON.stringify(item.msgid)}`;
      if (!translation.trim()) {
        problems.push(`${where}: not translated`);
        continue;
      }
      if (placeholders(translation) !== placeholders(item.msgid)) {
        problems.push(
          `${where}: placeholders ${placeholders(item.msgid) || "none"} became ${placeholders(translation) || "none"}`,
        );
      }
      const plural = /\{\s*\w+\s*,\s*plural\s*,/.test(item.msgid);
      if (plural && !/\{\s*\w+\s*,\s*plural\s*,/.test(translation)) {
        problems.push(`${where}: the plural became plain text`);
      }
      const categories = PLURAL_CATEGORIES[locale];
      if (plural && categories) {
        for (const category of categories) {
          if (!new RegExp(`\\b${category}\\s*\\{`).test(translation)) {
            problems.push(`${where}: the plural lacks its "${category}" form`);
          }
        }
      }
    }
  }
  return problems;
}

/** The same message (and context) in two areas is one message at run time, since a language's
 * catalogs are merged: its translations must agree, or the one loaded last shows everywhere. */
function checkAgreement() {
  const problems = [];
  const seen = new Map();
  for (const { locale, file, path } of catalogFiles()) {
    for (const item of entries(path)) {
      const id = `${locale}\u0005${key(item)}`;
      const translation = item.msgstr.join("");
      const earlier = seen.get(id);
      if (earlier && earlier.translation !== translation) {
        problems.push(
          `${locale}: ${JSON.stringify(item.msgid)} is ${JSON.stringify(earlier.translation)} in ${earlier.file} but ${JSON.stringify(translation)} in ${file}: use one translation, or give each use its own context`,
        );
      } else if (!earlier) {
        seen.set(id, { translation, file });
      }
    }
  }
  return problems;
}

const problems = [...compareWithSource(), ...checkTranslations(), ...checkAgreement()];
if (problems.length) {
  console.error(`The catalogs need work (${problems.length}):\n  ${problems.join("\n  ")}`);
  console.error("See docs/translating.md.");
  process.exit(1);
}
console.log("Catalogs: every message used, translated in every language, placeholders kept.");
