import { describe, expect, it } from "vitest";
import { glyphColor, habitIconUrl, iconGlyph } from "./habit-icon";

describe("a reminder's icon", () => {
  it("shows the habit's own icon, else its name's first letter", () => {
    expect(iconGlyph("🧘", "Stretch")).toBe("🧘");
    expect(iconGlyph("  ", "stretch")).toBe("S");
    expect(iconGlyph("", "ésprit")).toBe("É");
    expect(iconGlyph("", "")).toBe("");
  });

  it("writes white on dark colours and black on light ones", () => {
    expect(glyphColor("#2f7d5b")).toBe("#ffffff");
    expect(glyphColor("#1a1a1a")).toBe("#ffffff");
    expect(glyphColor("#f5e663")).toBe("#000000");
    expect(glyphColor("not a colour")).toBe("#ffffff");
  });

  it("falls back to the app icon where nothing can be drawn off screen", async () => {
    // jsdom has no OffscreenCanvas; Chromium's service worker has (see e2e/test_reminders.py).
    expect(await habitIconUrl({ icon: "🧘", name: "Stretch", color: "#2f7d5b" })).toBeNull();
  });
});
