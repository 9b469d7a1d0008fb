// @vitest-environment node
import { describe, expect, it } from "vitest";
import { initialFiles } from "./check-bundle-size.mjs";

describe("initialFiles", () => {
  it("follows static imports from the entry and ignores dynamic ones", () => {
    const manifest = {
      "index.html": {
        file: "assets/index.js",
        isEntry: true,
        imports: ["_vendor.js"],
        dynamicImports: ["src/lazy.tsx"],
        css: ["assets/index.css"],
      },
      "_vendor.js": { file: "assets/vendor.js", imports: ["_shared.js"] },
      "_shared.js": { file: "assets/shared.js", imports: ["_vendor.js"] },
      "src/lazy.tsx": { file: "assets/lazy.js", imports: ["_shared.js"] },
    };
    expect(initialFiles(manifest)).toEqual([
      "assets/index.js",
      "assets/vendor.js",
      "assets/shared.js",
    ]);
    expect(initialFiles(manifest, "css")).toEqual(["assets/index.css"]);
  });
});
