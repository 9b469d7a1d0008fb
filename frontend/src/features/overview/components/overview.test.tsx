import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { OverviewResponse } from "@/types/api";
import { chartSummary, fillTo, heatLevel } from "./day-share-chart";
import { Overview } from "./overview";
import { rangeFor } from "./ranges";

// Wednesday 2 December 2026.
const TODAY = "2026-12-02";

function response(from: string, to: string): OverviewResponse {
  return {
    from,
    to,
    habits: [
      {
        habit_id: 1,
        group_id: 5,
        counts: "days",
        done: 17,
        expected: 31,
        completion: 17 / 31,
        score_start: 0.4,
        score_end: 0.62,
        best_streak: 9,
      },
      {
        habit_id: 2,
        group_id: null,
        counts: "amount",
        done: 1250,
        expected: 2000,
        completion: 0.625,
        score_start: 0.1,
        score_end: 0.2,
        best_streak: 1,
      },
    ],
    days: [
      { date: from, share_done: 0.5 },
      { date: to, share_done: null },
    ],
    groups: [
      { group_id: 5, done: 17, expected: 31, completion: 17 / 31 },
      { group_id: null, done: 0, expected: 0, completion: null },
    ],
  };
}

describe("Overview", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists each habit's done against expected, completion, scores and best streak, and group totals", async () => {
    const { calls } = mockApi({
      "GET /api/overview": ({ url }) => {
        const params = new URL(url, "http://x").searchParams;
        return { status: 200, body: response(params.get("from")!, params.get("to")!) };
      },
      "GET /api/habits": ({ url }) => ({
        status: 200,
        body: url.includes("archived=true")
          ? []
          : [
              makeHabit({ id: 1, name: "Reading" }),
              makeHabit({ id: 2, name: "Water", kind: "measurable", unit: "ml" }),
            ],
      }),
      "GET /api/groups": () => ({
        status: 200,
        body: [
          { id: 5, name: "Evening", color: "#2b7bb9", icon: "🌙", position: 0, collapsed: false },
        ],
      }),
    });
    renderWithProviders(<Overview today={TODAY} weekStart={0} />);
    const reading = (await screen.findByRole("link", { name: "Reading" })).closest("tr")!;
    expect(within(reading).getByText("17 / 31")).toBeInTheDocument();
    expect(within(reading).getByText("55%")).toBeInTheDocument();
    expect(within(reading).getByText("40% → 62%")).toBeInTheDocument();
    expect(within(reading).getByText("9 days")).toBeInTheDocument();
    // Amounts (ml) are not check-ins: the period's total counts the days only.
    expect(screen.getByText("17 of 31 expected check-ins done (55%)")).toBeInTheDocument();
    const water = screen.getByRole("link", { name: "Water" }).closest("tr")!;
    expect(within(water).getByText("1,250 / 2,000 ml")).toBeInTheDocument();
    const groups = screen.getByRole("region", { name: "Groups, scrolls sideways" });
    expect(within(groups).getByRole("link", { name: "Evening" })).toBeInTheDocument();
    expect(within(groups).getByText("Ungrouped")).toBeInTheDocument();
    // The month preset asks for the month so far.
    const asked = calls.find((c) => c.url.includes("/api/overview"))!.url;
    expect(asked).toContain("from=2026-12-01");
    expect(asked).toContain("to=2026-12-02");
    expect(
      screen.getByRole("img", { name: /Share of due habits done each day/ }),
    ).toBeInTheDocument();
  });

  it("switches to a year heatmap and steps back a period with the keyboard", async () => {
    const { calls } = mockApi({
      "GET /api/overview": ({ url }) => {
        const params = new URL(url, "http://x").searchParams;
        return { status: 200, body: response(params.get("from")!, params.get("to")!) };
      },
      "GET /api/habits": () => ({ status: 200, body: [] }),
      "GET /api/groups": () => ({ status: 200, body: [] }),
    });
    const user = userEvent.setup();
    renderWithProviders(<Overview today={TODAY} weekStart={0} />);
    await user.click(await screen.findByRole("button", { name: "Year" }));
    expect(await screen.findByRole("img", { name: /each day of the year/ })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next year" })).toBeDisabled();
    screen.getByRole("button", { name: "Previous year" }).focus();
    await user.keyboard("{Enter}");
    expect(await screen.findByRole("heading", { name: "2025" })).toBeInTheDocument();
    expect(
      calls.some((c) => c.url.includes("from=2025-01-01") && c.url.includes("to=2025-12-31")),
    ).toBe(true);
  });
});

describe("rangeFor", () => {
  it("starts a week on the person's week start and stops at today", () => {
    // Sunday as the week start: the week of Wednesday 2 December starts on 29 November.
    expect(rangeFor("week", TODAY, 6, 0)).toMatchObject({ from: "2026-11-29", to: TODAY });
    expect(rangeFor("week", TODAY, 0, -1)).toMatchObject({ from: "2026-11-23", to: "2026-11-29" });
  });

  it("covers a calendar month and a calendar year", () => {
    expect(rangeFor("month", TODAY, 0, -1)).toMatchObject({ from: "2026-11-01", to: "2026-11-30" });
    expect(rangeFor("month", "2026-03-15", 0, -1)).toMatchObject({ to: "2026-02-28" });
    expect(rangeFor("year", TODAY, 0)).toMatchObject({
      from: "2026-01-01",
      to: TODAY,
      end: "2026-12-31",
    });
  });
});

describe("the day chart", () => {
  it("sums the period up in words and shades days by their share", () => {
    expect(
      chartSummary([
        { date: "2026-12-01", share_done: 1 },
        { date: "2026-12-02", share_done: 0.5 },
        { date: "2026-12-03", share_done: null },
      ]),
    ).toBe(
      "On average 75% of due habits were done each day; 1 of 2 days had every due habit done.",
    );
    expect([null, 0, 0.2, 0.5, 0.9, 1].map(heatLevel)).toEqual([-1, 0, 1, 2, 3, 4]);
  });

  it("draws a month's days after today as empty bars", () => {
    const filled = fillTo([{ date: "2026-12-01", share_done: 0.5 }], "2026-12-04");
    expect(filled.map((d) => d.share_done)).toEqual([0.5, null, null, null]);
    expect(filled.at(-1)?.date).toBe("2026-12-04");
  });
});
