import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { TodayResponse } from "@/types/api";
import { TodayView } from "./today-view";

const DATE = "2025-06-04";

function todayResponse(overrides: Partial<TodayResponse["items"][number]> = {}): TodayResponse {
  return {
    date: DATE,
    items: [
      {
        habit: makeHabit({ id: 1, name: "Read" }),
        due: true,
        entry: null,
        current_streak: 2,
        best_streak: 5,
        score: 0.4,
        period_progress: { done: 0, target: 1 },
        ...overrides,
      },
      {
        habit: makeHabit({
          id: 2,
          name: "Gym",
          schedule: { type: "times_per_week", times: 3 },
        }),
        due: false,
        entry: null,
        current_streak: 0,
        best_streak: 0,
        score: 0.1,
        period_progress: { done: 2, target: 3 },
      },
    ],
  };
}

describe("TodayView", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows due habits apart from habits not due, with streak and period progress", async () => {
    mockApi({ "GET /api/today": () => ({ status: 200, body: todayResponse() }) });
    renderWithProviders(<TodayView date={DATE} empty={<p>empty</p>} />);
    const due = await screen.findByRole("region", { name: "Due" });
    expect(within(due).getByText("Read")).toBeInTheDocument();
    expect(within(due).getByLabelText("Current streak 2")).toBeInTheDocument();
    const notDue = screen.getByRole("region", { name: "Not due on this day" });
    expect(within(notDue).getByText("2 of 3 this week")).toBeInTheDocument();
  });

  it("shows the empty state when there are no habits", async () => {
    mockApi({ "GET /api/today": () => ({ status: 200, body: { date: DATE, items: [] } }) });
    renderWithProviders(<TodayView date={DATE} empty={<p>Start with a few habits</p>} />);
    expect(await screen.findByText("Start with a few habits")).toBeInTheDocument();
  });

  it("checks in at once and keeps it when the server agrees", async () => {
    const hold = deferred();
    let served = todayResponse();
    const { calls } = mockApi({
      "GET /api/today": () => ({ status: 200, body: served }),
      "PUT /api/habits/1/entries/2025-06-04": () => {
        served = todayResponse({
          entry: { date: DATE, status: "done", value: null, note: "" },
          current_streak: 3,
          period_progress: { done: 1, target: 1 },
        });
        return { status: 200, body: served.items[0]!.entry, delay: hold.promise };
      },
    });
    renderWithProviders(<TodayView date={DATE} empty={null} />);
    await userEvent.click(await screen.findByRole("button", { name: "Check in Read" }));
    // Optimistic: pressed before the server answered.
    expect(screen.getByRole("button", { name: "Undo Read" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
      status: "done",
      value: null,
      note: "",
    });
    hold.resolve();
    expect(await screen.findByLabelText("Current streak 3")).toBeInTheDocument();
  });

  it("rolls a failed check-in back and says why", async () => {
    mockApi({
      "GET /api/today": () => ({ status: 200, body: todayResponse() }),
      "PUT /api/habits/1/entries/2025-06-04": () => ({
        status: 422,
        body: { detail: "Dates after today can't be changed." },
      }),
    });
    renderWithProviders(<TodayView date={DATE} empty={null} />);
    await userEvent.click(await screen.findByRole("button", { name: "Check in Read" }));
    expect(await screen.findByText(/Not saved: Dates after today/)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Check in Read" })).toHaveAttribute(
        "aria-pressed",
        "false",
      ),
    );
  });

  it("undoes a check-in by deleting the entry", async () => {
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: todayResponse({ entry: { date: DATE, status: "done", value: null, note: "" } }),
      }),
      "DELETE /api/habits/1/entries/2025-06-04": () => ({ status: 204 }),
    });
    renderWithProviders(<TodayView date={DATE} empty={null} />);
    await userEvent.click(await screen.findByRole("button", { name: "Undo Read" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
  });

  it("skips with a note from the menu", async () => {
    let served = todayResponse();
    const { calls } = mockApi({
      "GET /api/today": () => ({ status: 200, body: served }),
      "PUT /api/habits/1/entries/2025-06-04": () => {
        const entry = { date: DATE, status: "skipped" as const, value: null, note: "Sick" };
        served = todayResponse({ entry });
        return { status: 200, body: entry };
      },
    });
    renderWithProviders(<TodayView date={DATE} empty={null} />);
    await userEvent.click(await screen.findByRole("button", { name: "More actions for Read" }));
    await userEvent.type(screen.getByLabelText("Note for Read"), "Sick");
    await userEvent.click(screen.getByRole("button", { name: "Skip today" }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
        status: "skipped",
        value: null,
        note: "Sick",
      }),
    );
    expect(await screen.findByText("Skipped")).toBeInTheDocument();
  });

  it("saves a measurable value from the quick entry", async () => {
    const water = makeHabit({
      id: 1,
      name: "Water",
      kind: "measurable",
      unit: "glasses",
      target: 8,
    });
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: { date: DATE, items: [{ ...todayResponse().items[0]!, habit: water }] },
      }),
      "PUT /api/habits/1/entries/2025-06-04": () => ({
        status: 200,
        body: { date: DATE, status: "done", value: 8, note: "" },
      }),
    });
    renderWithProviders(<TodayView date={DATE} empty={null} />);
    await userEvent.type(await screen.findByLabelText("Water value in glasses"), "8");
    await userEvent.click(screen.getByRole("button", { name: "Save Water value" }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
        status: null,
        value: 8,
        note: "",
      }),
    );
  });
});
