import { i18n } from "@lingui/core";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { makeHabit, renderWithProviders } from "@/testing/render";
import type { HabitStats } from "@/types/api";
import { CompletionRates, formatRate } from "./completion-rates";
import { Heatmap } from "./heatmap";
import { chartX, ScoreChart } from "./score-chart";
import { StreaksChart } from "./streaks-chart";

async function speak(locale: "ar" | "de" | "fr") {
  i18n.loadAndActivate({ locale, messages: await loadMessages(locale) });
  document.documentElement.dir = locale === "ar" ? "rtl" : "ltr";
}

afterEach(() => {
  document.documentElement.dir = "ltr";
});

const stats = (current: number, best: number): HabitStats =>
  ({
    score: 0.5,
    current_streak: current,
    best_streak: best,
    total_done: 1234,
    completion: { last_7_days: 0.87, last_30_days: 0.5, last_365_days: null, all_time: 1 },
  }) as HabitStats;

describe("the statistics in other languages", () => {
  it("writes a percentage the French way, with a no-break space before the sign", async () => {
    await speak("fr");
    // CLDR puts a no-break space before "%" (U+00A0 in today's data, the narrow U+202F in
    // some versions) and a narrow one between thousands: never a space that can wrap.
    const percent = /^87[\u00a0\u202f]%$/;
    expect(formatRate(0.873)).toMatch(percent);
    renderWithProviders(<CompletionRates stats={stats(1, 4)} />);
    expect(screen.getByText("7 derniers jours").nextSibling?.textContent).toMatch(percent);
    expect(screen.getByText("Total fait").nextSibling?.textContent).toBe("1\u202f234");
  });

  it("counts a streak's days with German plurals", async () => {
    await speak("de");
    renderWithProviders(<CompletionRates stats={stats(1, 4)} />);
    expect(screen.getByText("Aktuelle Serie").nextSibling).toHaveTextContent("1 Tag");
    expect(screen.getByText("Beste Serie").nextSibling).toHaveTextContent("4 Tage");
  });

  it("counts a streak's days with Arabic's own forms: one, two, few, many and other", async () => {
    await speak("ar");
    const streaks = [1, 2, 3, 11, 100].map((length, i) => ({
      start: `2025-0${i + 1}-01`,
      end: `2025-0${i + 1}-01`,
      length,
    }));
    renderWithProviders(<StreaksChart streaks={streaks} color="#000" today="2025-06-04" />);
    const values = [...document.querySelectorAll(".bar-value")].map((el) => el.textContent);
    expect(values).toEqual(["100 يوم", "11 يومًا", "3 أيام", "يومان", "يوم واحد"]);
  });
});

describe("charts right to left", () => {
  it("puts the oldest point at the right and the newest at the left in Arabic", () => {
    expect(chartX(0, 3, 600, false)).toBeLessThan(chartX(2, 3, 600, false));
    expect(chartX(0, 3, 600, true)).toBe(600 - chartX(0, 3, 600, false));
    expect(chartX(0, 3, 600, true)).toBeGreaterThan(chartX(2, 3, 600, true));
  });

  it("draws the score chart with time running right to left and its labels upright", async () => {
    await speak("ar");
    const history = ["2025-06-01", "2025-06-02", "2025-06-03"].map((date, i) => ({
      date,
      score: i / 2,
    }));
    renderWithProviders(<ScoreChart history={history} color="#000" today="2025-06-04" />);
    const svg = screen.getByRole("img");
    const cx = [...svg.querySelectorAll("circle")].map((c) => Number(c.getAttribute("cx")));
    expect(cx[0]).toBeGreaterThan(cx[1]!);
    expect(cx[1]).toBeGreaterThan(cx[2]!);
    // Mirrored by coordinates, never by a transform that would turn the text around.
    expect(svg.querySelector("[transform]")).toBeNull();
    expect(svg).toHaveAccessibleName(/^النتيجة خلال الشهر الأخير/);
  });

  it("lays the heatmap's weeks in grid columns that flip with dir=rtl and moves the way the eye reads", async () => {
    await speak("ar");
    renderWithProviders(
      <Heatmap
        habit={makeHabit({ name: "Read" })}
        entries={[]}
        today="2025-06-04"
        weekStart={0}
        selected={null}
        onActivate={() => {}}
      />,
    );
    const first = document.querySelector<HTMLButtonElement>('[data-date="2024-06-03"]')!;
    const last = document.querySelector<HTMLButtonElement>('[data-date="2025-06-04"]')!;
    // Column 2 is the first after the weekday names: the right edge under dir=rtl.
    expect(first.style.gridColumn).toMatch(/^2/);
    expect(Number.parseInt(last.style.gridColumn)).toBeGreaterThan(50);
    // Month names come from Intl in Arabic.
    expect(document.querySelector(".heatmap-months")!.textContent).toContain("يونيو");
    last.focus();
    await userEvent.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(document.querySelector('[data-date="2025-05-28"]'));
  });
});
