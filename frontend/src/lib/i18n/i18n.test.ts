import { i18n } from "@lingui/core";
import { plural, t } from "@lingui/core/macro";
import { describe, expect, it } from "vitest";
import {
  activateLocale,
  directionOf,
  formatList,
  formatNumber,
  formatPercent,
  loadMessages,
  localeWeekStart,
  matchLocale,
  type Locale,
} from "@/lib/i18n";

async function use(locale: Locale) {
  i18n.loadAndActivate({ locale, messages: await loadMessages(locale) });
}

// The badge beside the navigation (features/offline), written exactly as there so that it is the
// same catalog entry.
function waiting(count: number): string {
  return t`${plural(count, {
    one: "# change waiting to be sent",
    other: "# changes waiting to be sent",
  })}`;
}

/** Spaces as plain spaces: Intl separates with no-break and narrow no-break spaces. */
function plain(text: string): string {
  return text.replace(/[\u00a0\u202f]/g, " ").replace(/[\u200e\u200f\u061c]/g, "");
}

describe("matchLocale", () => {
  it("takes an exact tag first", () => {
    expect(matchLocale(["pt-BR"])).toBe("pt-BR");
    expect(matchLocale(["PT-br"])).toBe("pt-BR");
  });

  it("falls back to the language without its region", () => {
    expect(matchLocale(["de-AT"])).toBe("de");
    expect(matchLocale(["pt-PT"])).toBe("pt-BR");
    expect(matchLocale(["ar-EG"])).toBe("ar");
    expect(matchLocale(["fr-CA", "en"])).toBe("fr");
  });

  it("skips languages it does not have and ends in English", () => {
    expect(matchLocale(["nl-NL", "es-MX"])).toBe("es");
    expect(matchLocale(["ja", "zh-CN"])).toBe("en");
    expect(matchLocale([])).toBe("en");
  });
});

describe("localeWeekStart", () => {
  it("follows the region's first day (0 = Monday … 6 = Sunday)", () => {
    expect(localeWeekStart("en-US")).toBe(6);
    expect(localeWeekStart("pt-BR")).toBe(6);
    expect(localeWeekStart("en-GB")).toBe(0);
    expect(localeWeekStart("de-DE")).toBe(0);
    expect(localeWeekStart("fr")).toBe(0);
    expect(localeWeekStart("es-ES")).toBe(0);
    expect(localeWeekStart("ar-EG")).toBe(5);
  });

  it("takes a language's likely region when there is none", () => {
    expect(localeWeekStart("de")).toBe(0);
    expect(localeWeekStart("en")).toBe(6);
  });

  it("starts on Monday for a tag it cannot read", () => {
    expect(localeWeekStart("not a tag")).toBe(0);
  });
});

describe("directionOf", () => {
  it("runs Arabic right to left and the others left to right", () => {
    expect(directionOf("ar")).toBe("rtl");
    for (const locale of ["en", "de", "fr", "es", "pt-BR"] as const) {
      expect(directionOf(locale)).toBe("ltr");
    }
  });

  it("sets the page's language and direction when a language is chosen", async () => {
    await activateLocale("ar");
    expect(document.documentElement.lang).toBe("ar");
    expect(document.documentElement.dir).toBe("rtl");
    expect(localStorage.getItem("language")).toBe("ar");
    await activateLocale("de");
    expect(document.documentElement.dir).toBe("ltr");
    await activateLocale("en");
  });
});

describe("formatNumber and formatPercent", () => {
  it("write numbers as each language does", async () => {
    const cases: [Locale, string, string][] = [
      ["en", "1,234.5", "87%"],
      ["de", "1.234,5", "87 %"],
      ["fr", "1 234,5", "87 %"],
      ["es", "12.345,5", "87 %"],
      ["pt-BR", "1.234,5", "87%"],
    ];
    for (const [locale, number, percent] of cases) {
      await use(locale);
      const big = locale === "es" ? 12345.5 : 1234.5;
      expect(plain(formatNumber(big)), locale).toBe(number);
      expect(plain(formatPercent(0.873)), locale).toBe(percent);
    }
  });

  it("writes Arabic numbers with Arabic or Latin digits and a percent sign", async () => {
    await use("ar");
    expect(plain(formatNumber(1234.5))).toMatch(/^(1,234\.5|١٬٢٣٤٫٥)$/);
    expect(plain(formatPercent(0.873))).toMatch(/^(87|٨٧)[%٪]$/);
  });

  it("joins lists with the language's word for 'and'", async () => {
    await use("de");
    expect(formatList(["Mo", "Di", "Mi"])).toBe("Mo, Di und Mi");
    await use("fr");
    expect(formatList(["lun.", "mar."])).toBe("lun. et mar.");
  });
});

describe("plural rules", () => {
  it("gives Arabic's six forms for 0, 1, 2, 3, 11 and 100", async () => {
    await use("ar");
    const forms = [0, 1, 2, 3, 11, 100].map(waiting);
    expect(new Set(forms).size).toBe(6);
    expect(forms[0]).toBe("لا توجد تغييرات بانتظار الإرسال");
    expect(forms[1]).toBe("تغيير واحد بانتظار الإرسال");
    expect(forms[2]).toBe("تغييران بانتظار الإرسال");
    expect(forms[3]).toMatch(/تغييرات بانتظار الإرسال$/);
    expect(forms[4]).toMatch(/تغييرًا بانتظار الإرسال$/);
    expect(forms[5]).toMatch(/تغيير بانتظار الإرسال$/);
  });

  it("gives one and other in German, Spanish and English", async () => {
    await use("de");
    expect(waiting(1)).toBe("1 Änderung wartet auf das Senden");
    expect(waiting(0)).toBe("0 Änderungen warten auf das Senden");
    expect(waiting(2)).toBe("2 Änderungen warten auf das Senden");
    await use("es");
    expect(waiting(1)).toBe("1 cambio pendiente de enviar");
    expect(waiting(3)).toBe("3 cambios pendientes de enviar");
    await use("en");
    expect(waiting(1)).toBe("1 change waiting to be sent");
    expect(waiting(11)).toBe("11 changes waiting to be sent");
  });

  it("counts 0 and 1 as singular in French and Brazilian Portuguese", async () => {
    await use("fr");
    expect(waiting(0)).toBe("0 modification en attente d’envoi");
    expect(waiting(1)).toBe("1 modification en attente d’envoi");
    expect(waiting(2)).toBe("2 modifications en attente d’envoi");
    await use("pt-BR");
    expect(waiting(0)).toBe("0 alteração aguardando envio");
    expect(waiting(1)).toBe("1 alteração aguardando envio");
    expect(waiting(2)).toBe("2 alterações aguardando envio");
  });

  it("formats the number in a plural with the language's separators", async () => {
    await use("de");
    expect(plain(waiting(1500))).toBe("1.500 Änderungen warten auf das Senden");
  });
});
