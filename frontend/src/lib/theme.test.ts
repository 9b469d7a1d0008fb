import { describe, expect, it } from "vitest";
import { applyTheme, getThemePreference, setThemePreference } from "./theme";

describe("theme", () => {
  it("follows the system when nothing is stored", () => {
    expect(getThemePreference()).toBe("system");
    applyTheme();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it("persists an explicit choice and applies it to the document", () => {
    setThemePreference("dark");
    expect(localStorage.getItem("theme")).toBe("dark");
    expect(document.documentElement.dataset.theme).toBe("dark");
    setThemePreference("system");
    expect(localStorage.getItem("theme")).toBeNull();
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
