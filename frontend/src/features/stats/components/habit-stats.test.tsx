import { screen, waitFor, within } from "@testing-library/react";
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

  it("shows rates, streaks and notes", async () => {
    const habit = makeHabit({ id: 4, start_date: "2025-05-01" });
    mockApi({
      "GET /api/habits/4/stats": () => ({ status: 200, body: stats }),
      "GET /api/habits/4/entries": () => ({
        status: 200,
        body: [{ date: "2025-06-03", status: "done", value: null, note: "Felt great" }],
      }),
    });
    renderWithProviders(<HabitStatsView habit={habit} today="2025-06-04" weekStart={0} />);
    expect(await screen.findByText("Felt great")).toBeInTheDocument();
    expect((await screen.findByText("Last 7 days")).nextSibling).toHaveTextContent("50%");
    expect(screen.getByText("Last year").nextSibling).toHaveTextContent("—");
    expect(screen.getByText("Best streak").nextSibling).toHaveTextContent("4 days");
    expect(screen.getByText("Current streak").nextSibling).toHaveTextContent("2 days");
    expect(screen.getByRole("listitem", { name: "Monday: 2" })).toBeInTheDocument();
    expect(
      screen.getByRole("listitem", { name: /May 2025: 4 done of 31 due/ }),
    ).toBeInTheDocument();
  });

  it("opens a done day to add a note without changing its status", async () => {
    const habit = makeHabit({ id: 4, start_date: "2025-05-01" });
    const { calls } = mockApi({
      "GET /api/habits/4/stats": () => ({ status: 200, body: stats }),
      "GET /api/habits/4/entries": () => ({
        status: 200,
        body: [{ date: "2025-06-03", status: "done", value: null, note: "" }],
      }),
      "PUT /api/habits/4/entries/2025-06-03": ({ body }) => ({
        status: 200,
        body: { date: "2025-06-03", ...(body as object) },
      }),
    });
    renderWithProviders(<HabitStatsView habit={habit} today="2025-06-04" weekStart={0} />);
    await screen.findByText("Last 7 days");
    const cell = document.querySelector<HTMLButtonElement>('[data-date="2025-06-03"]')!;
    expect(cell).toHaveAccessibleName(/done/);
    expect(cell).toHaveAttribute("aria-expanded", "false");

    // A click opens the day: nothing is sent, the status stays done.
    await userEvent.click(cell);
    const editor = screen.getByRole("form", { name: /Edit/ });
    expect(cell).toHaveAttribute("aria-expanded", "true");
    expect(cell).toHaveAttribute("aria-controls", editor.id);
    expect(within(editor).getByLabelText("Status")).toHaveValue("done");
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);
    expect(cell).toHaveAccessibleName(/done/);

    // Enter on the open day does not change it either.
    cell.focus();
    await userEvent.keyboard("{Enter}");
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);

    await userEvent.type(within(editor).getByLabelText("Note"), "Felt great");
    await userEvent.click(within(editor).getByRole("button", { name: "Save day" }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
        status: "done",
        value: null,
        note: "Felt great",
      }),
    );
  });

  it("changes a day's status only in the named change mode, by click or keyboard", async () => {
    const habit = makeHabit({ id: 4, start_date: "2025-05-01" });
    const { calls } = mockApi({
      "GET /api/habits/4/stats": () => ({ status: 200, body: stats }),
      "GET /api/habits/4/entries": () => ({
        status: 200,
        body: [{ date: "2025-06-03", status: "done", value: null, note: "Felt great" }],
      }),
      "PUT /api/habits/4/entries/2025-06-03": ({ body }) => ({
        status: 200,
        body: { date: "2025-06-03", ...(body as object) },
      }),
      "PUT /api/habits/4/entries/2025-06-02": ({ body }) => ({
        status: 200,
        body: { date: "2025-06-02", ...(body as object) },
      }),
    });
    renderWithProviders(<HabitStatsView habit={habit} today="2025-06-04" weekStart={0} />);
    await screen.findByText("Last 7 days");
    const mode = screen.getByRole("group", { name: "Clicking a day" });
    const change = within(mode).getByRole("button", { name: "Changes its status" });
    expect(within(mode).getByRole("button", { name: "Opens it" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await userEvent.click(change);
    expect(change).toHaveAttribute("aria-pressed", "true");
    expect(screen.getByRole("group", { name: /Enter changes a day's status/ })).toBeInTheDocument();

    await userEvent.click(document.querySelector<HTMLButtonElement>('[data-date="2025-06-03"]')!);
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
        status: "skipped",
        value: null,
        note: "Felt great",
      }),
    );
    expect(screen.queryByRole("form", { name: /Edit/ })).not.toBeInTheDocument();

    document.querySelector<HTMLButtonElement>('[data-date="2025-06-02"]')!.focus();
    await userEvent.keyboard("{Enter}");
    await waitFor(() =>
      expect(calls.find((c) => c.url.endsWith("/2025-06-02"))?.body).toEqual({
        status: "done",
        value: null,
        note: "",
      }),
    );
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
