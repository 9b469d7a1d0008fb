import { i18n } from "@lingui/core";
import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { renderWithProviders } from "@/testing/render";
import { barX, chartSummary, DayShareBars, DayShareHeatmap } from "./day-share-chart";

async function speak(locale: "ar" | "de") {
  i18n.loadAndActivate({ locale, messages: await loadMessages(locale) });
  document.documentElement.dir = locale === "ar" ? "rtl" : "ltr";
}

afterEach(() => {
  document.documentElement.dir = "ltr";
});

const days = ["2026-11-30", "2026-12-01", "2026-12-02"].map((date, i) => ({
  date,
  share_done: i / 2,
}));

describe("the day-share chart right to left", () => {
  it("mirrors each bar's place across the chart", () => {
    const ltr = barX(0, 7, 600, false);
    expect(barX(0, 7, 600, true)).toBeGreaterThan(barX(6, 7, 600, true));
    // The same bar, the same width, at the mirrored place.
    const width = Math.max(2, ((600 - 44 - 8) / 7) * 0.7);
    expect(barX(0, 7, 600, true)).toBeCloseTo(600 - ltr - width);
  });

  it("draws the first day at the right and the last at the left in Arabic, text unmirrored", async () => {
    await speak("ar");
    renderWithProviders(<DayShareBars days={days} end="2026-12-02" />);
    const svg = screen.getByRole("img");
    const xs = [...svg.querySelectorAll("rect")].map((r) => Number(r.getAttribute("x")));
    expect(xs[0]).toBeGreaterThan(xs[1]!);
    expect(xs[1]).toBeGreaterThan(xs[2]!);
    expect(svg.querySelector("[transform]")).toBeNull();
    expect(svg).toHaveAccessibleName(/^نسبة العادات المستحقة المنجزة في كل يوم\./);
  });

  it("runs the year's weeks from the right in Arabic, the weekday names at the right", async () => {
    await speak("ar");
    renderWithProviders(
      <DayShareHeatmap days={days} from="2026-01-01" end="2026-12-31" weekStart={0} />,
    );
    // 1 January first, 31 December last.
    const cells = [...document.querySelectorAll("rect.share-cell")];
    const x = (el: Element) => Number(el.getAttribute("x"));
    expect(x(cells[0]!)).toBeGreaterThan(x(cells.at(-1)!));
    const label = document.querySelector("text")!;
    expect(label).toHaveAttribute("text-anchor", "end");
  });

  it("sums the period up with Arabic plurals and German ones", async () => {
    await speak("de");
    expect(chartSummary(days)).toBe(
      "Im Schnitt wurden 50\u00a0% der fälligen Gewohnheiten pro Tag erledigt; an 1 von 3 Tagen war jede fällige Gewohnheit erledigt.",
    );
    await speak("ar");
    expect(chartSummary(days.slice(0, 2))).toMatch(/من أصل يومين\.$/);
  });
});
