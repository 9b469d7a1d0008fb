import { describe, expect, it } from "vitest";
import { localeWeekStart } from "@/lib/i18n";
import { withBrowserRegion } from "./regional-locale";

describe("withBrowserRegion", () => {
  it("takes the browser's region when the browser speaks the language on screen", () => {
    expect(withBrowserRegion("en", "en-US")).toBe("en-US");
    expect(withBrowserRegion("ar", "ar-EG")).toBe("ar-EG");
    expect(withBrowserRegion("de", "de-AT")).toBe("de-AT");
  });

  it("ignores a browser in another language", () => {
    expect(withBrowserRegion("de", "en-US")).toBe("de");
    expect(withBrowserRegion("fr", undefined)).toBe("fr");
  });

  it("keeps a language that names its own region", () => {
    expect(withBrowserRegion("pt-BR", "pt-PT")).toBe("pt-BR");
  });

  it("gives each region its own first day of the week", () => {
    expect(localeWeekStart(withBrowserRegion("en", "en-US"))).toBe(6);
    expect(localeWeekStart(withBrowserRegion("de", "de-DE"))).toBe(0);
    expect(localeWeekStart(withBrowserRegion("ar", "ar-EG"))).toBe(5);
    expect(localeWeekStart(withBrowserRegion("en", "en-GB"))).toBe(0);
  });
});
