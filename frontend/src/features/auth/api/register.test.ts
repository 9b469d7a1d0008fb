import { describe, expect, it } from "vitest";
import { localeWeekStart } from "@/lib/i18n";
import { weekStartTag } from "./register";

describe("weekStartTag", () => {
  it("takes the browser's region when the browser speaks the language on screen", () => {
    expect(weekStartTag("en", "en-US")).toBe("en-US");
    expect(weekStartTag("ar", "ar-EG")).toBe("ar-EG");
    expect(weekStartTag("de", "de-AT")).toBe("de-AT");
  });

  it("ignores a browser in another language", () => {
    expect(weekStartTag("de", "en-US")).toBe("de");
    expect(weekStartTag("fr", undefined)).toBe("fr");
  });

  it("keeps a language that names its own region", () => {
    expect(weekStartTag("pt-BR", "pt-PT")).toBe("pt-BR");
  });

  it("gives each region its own first day of the week", () => {
    expect(localeWeekStart(weekStartTag("en", "en-US"))).toBe(6);
    expect(localeWeekStart(weekStartTag("de", "de-DE"))).toBe(0);
    expect(localeWeekStart(weekStartTag("ar", "ar-EG"))).toBe(5);
    expect(localeWeekStart(weekStartTag("en", "en-GB"))).toBe(0);
  });
});
