import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { HabitStats } from "@/types/api";
import { HabitStatsView } from "./habit-stats";

const stats: HabitStats = {
  current_streak: 2,
  best_streak: 4,
  streaks: [
    { start: "2025-05-01", end: "2025-05-04", length: 4 },
    { start: "2025-06-02", end: "2025-06-03", length: 2 },
  ],
  score: 0.35,
  score_history: [
    { date: "2025-06-02", score: 0.2 },
    { date: "2025-06-03", score: 0.35 },
  ],
  completion: { last_7_days: 0.5, last_30_days: 0.2, last_365_days: null, all_time: 0.25 },
  total_done: 6,
  weekday_counts: [2, 1, 1, 1, 1, 0, 0],
  monthly: [
    { month: "2025-05", done: 4, due: 31 },
    { month: "2025-06", done: 2, due: 4 },
  ],
};

describe("HabitStatsView", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows rates, streaks and notes, and cycles a day from the calendar", async () => {
    const habit = makeHabit({ id: 4, start_date: "2025-05-01" });
    const { calls } = mockApi({
      "GET /api/habits/4/stats": () => ({ status: 200, body: stats }),
      "GET /api/habits/4/entries": () => ({
        status: 200,
        body: [{ date: "2025-06-03", status: "done", value: null, note: "Felt great" }],
      }),
      "PUT /api/habits/4/entries/2025-06-03": () => ({
        status: 200,
        body: { date: "2025-06-03", status: "skipped", value: null, note: "Felt great" },
      }),
    });
    renderWithProviders(<HabitStatsView habit={habit} today="2025-06-04" weekStart={0} />);
    expect(await screen.findByText("Felt great")).toBeInTheDocument();
    expect((await screen.findByText("Last 7 days")).nextSibling).toHaveTextContent("50%");
    expect(screen.getByText("Last year").nextSibling).toHaveTextContent("—");
    expect(screen.getByText("4 days")).toBeInTheDocument();
    expect(screen.getByRole("listitem", { name: "Monday: 2" })).toBeInTheDocument();
    expect(screen.getByRole("listitem", { name: /4 done of 31 due/ })).toBeInTheDocument();

    const cell = document.querySelector<HTMLButtonElement>('[data-date="2025-06-03"]')!;
    await userEvent.click(cell);
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
        status: "skipped",
        value: null,
        note: "Felt great",
      }),
    );
    expect(screen.getByRole("form", { name: /Edit/ })).toBeInTheDocument();
  });

  it("switches the score chart between week, month and year", async () => {
    mockApi({
      "GET /api/habits/1/stats": () => ({ status: 200, body: stats }),
      "GET /api/habits/1/entries": () => ({ status: 200, body: [] }),
    });
    renderWithProviders(<HabitStatsView habit={makeHabit()} today="2025-06-04" weekStart={0} />);
    const year = await screen.findByRole("button", { name: "Year" });
    await userEvent.click(year);
    expect(year).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("img", { name: /Score over the last year/ })).toBeInTheDocument();
  });
});
