import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { TodayItem, TodayResponse } from "@/types/api";
import { SAVE_DELAY_MS } from "./quick-value";
import { TodayView } from "./today-view";

const DATE = "2025-06-04";

function makeItem(overrides: Partial<TodayItem> = {}): TodayItem {
  return {
    habit: makeHabit({ id: 1, name: "Read" }),
    due: true,
    done: false,
    before_start: false,
    limit: null,
    entry: null,
    current_streak: 2,
    best_streak: 5,
    score: 0.4,
    period_progress: { done: 0, target: 1 },
    ...overrides,
  };
}

function todayResponse(overrides: Partial<TodayItem> = {}, date = DATE): TodayResponse {
  return {
    date,
    items: [
      makeItem(overrides),
      makeItem({
        habit: makeHabit({ id: 2, name: "Gym", schedule: { type: "times_per_week", times: 3 } }),
        due: false,
        current_streak: 0,
        best_streak: 0,
        score: 0.1,
        period_progress: { done: 3, target: 3 },
      }),
    ],
  };
}

function view(date = DATE, today = DATE) {
  return <TodayView date={date} today={today} weekStart={0} empty={<p>empty</p>} />;
}

const water = makeHabit({ id: 1, name: "Water", kind: "measurable", unit: "glasses", target: 8 });

describe("TodayView", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("shows due habits apart from habits not due, with streak and period progress", async () => {
    mockApi({ "GET /api/today": () => ({ status: 200, body: todayResponse() }) });
    renderWithProviders(view());
    const due = await screen.findByRole("region", { name: "Due" });
    expect(within(due).getByRole("heading", { name: "Read" })).toBeInTheDocument();
    expect(within(due).getByLabelText("Current streak 2")).toBeInTheDocument();
    expect(within(due).getByText("0 of 1 done")).toBeInTheDocument();
    const notDue = screen.getByRole("region", { name: "Not due on this day" });
    expect(within(notDue).getByText("3 of 3 this week")).toBeInTheDocument();
  });

  it("counts what the server calls done and never says 0 of 0", async () => {
    mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: { date: DATE, items: [todayResponse().items[1]!] },
      }),
    });
    renderWithProviders(view());
    const due = await screen.findByRole("region", { name: "Due" });
    expect(within(due).getByText(/Nothing is due today\. You can still check in/)).toBeVisible();
    expect(within(due).queryByText(/of 0 done/)).not.toBeInTheDocument();
  });

  it("shows the empty state when there are no habits", async () => {
    mockApi({ "GET /api/today": () => ({ status: 200, body: { date: DATE, items: [] } }) });
    renderWithProviders(
      <TodayView date={DATE} today={DATE} weekStart={0} empty={<p>Start with a few habits</p>} />,
    );
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
          done: true,
          current_streak: 3,
          period_progress: { done: 1, target: 1 },
        });
        return { status: 200, body: served.items[0]!.entry, delay: hold.promise };
      },
    });
    renderWithProviders(view());
    await userEvent.click(await screen.findByRole("button", { name: "Check in Read" }));
    // Optimistic: pressed and counted before the server answered.
    expect(screen.getByRole("button", { name: "Undo Read" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.getByText("1 of 1 done")).toBeInTheDocument();
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
    renderWithProviders(view());
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
        body: todayResponse({
          entry: { date: DATE, status: "done", value: null, note: "" },
          done: true,
        }),
      }),
      "DELETE /api/habits/1/entries/2025-06-04": () => ({ status: 204 }),
    });
    renderWithProviders(view());
    await userEvent.click(await screen.findByRole("button", { name: "Undo Read" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
  });

  it("skips with a note from the menu and puts focus on the habit's heading", async () => {
    let served = todayResponse();
    const { calls } = mockApi({
      "GET /api/today": () => ({ status: 200, body: served }),
      "PUT /api/habits/1/entries/2025-06-04": () => {
        const entry = { date: DATE, status: "skipped" as const, value: null, note: "Sick" };
        served = todayResponse({ entry });
        return { status: 200, body: entry };
      },
    });
    renderWithProviders(view());
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
    expect(screen.getByRole("heading", { name: "Read" })).toHaveFocus();
  });

  it("moves focus to the habit's heading after Save note", async () => {
    mockApi({
      "GET /api/today": () => ({ status: 200, body: todayResponse() }),
      "PUT /api/habits/1/entries/2025-06-04": () => ({
        status: 200,
        body: { date: DATE, status: null, value: null, note: "Chapter 3" },
      }),
    });
    renderWithProviders(view());
    await userEvent.click(await screen.findByRole("button", { name: "More actions for Read" }));
    await userEvent.type(screen.getByLabelText("Note for Read"), "Chapter 3");
    await userEvent.click(screen.getByRole("button", { name: "Save note" }));
    expect(screen.getByRole("heading", { name: "Read" })).toHaveFocus();
    expect(document.body).not.toHaveFocus();
  });

  it("names an earlier day on cards and menus instead of today", async () => {
    const yesterday = "2025-06-03";
    const hold = deferred();
    const { calls } = mockApi({
      "GET /api/today": () => ({ status: 200, body: todayResponse({}, yesterday) }),
      "PUT /api/habits/1/entries/2025-06-03": () => ({
        status: 200,
        body: { date: yesterday, status: "done", value: null, note: "" },
        delay: hold.promise,
      }),
    });
    renderWithProviders(view(yesterday, DATE));
    expect(await screen.findByText("0 of 1 yesterday")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Check in Read for yesterday" }));
    await waitFor(() => expect(calls.some((c) => c.url.endsWith("/2025-06-03"))).toBe(true));
    expect(screen.getByText("1 of 1 yesterday")).toBeInTheDocument();
    hold.resolve();
    await userEvent.click(screen.getByRole("button", { name: "More actions for Read" }));
    expect(screen.getByRole("button", { name: "Skip this day" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Skip today" })).not.toBeInTheDocument();
    expect(screen.queryByText(/today/)).not.toBeInTheDocument();
  });

  it("lets a day before the habit's start be checked in, with the start shown", async () => {
    const created = makeHabit({ id: 1, name: "Read", start_date: DATE });
    const hold = deferred();
    mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: "2025-06-01",
          items: [makeItem({ habit: created, before_start: true, due: true })],
        },
      }),
      "PUT /api/habits/1/entries/2025-06-01": () => ({
        status: 200,
        body: { date: "2025-06-01", status: "done", value: null, note: "" },
        delay: hold.promise,
      }),
    });
    renderWithProviders(view("2025-06-01", DATE));
    const due = await screen.findByRole("region", { name: "Due" });
    expect(within(due).getByText(/^Started/)).toBeInTheDocument();
    await userEvent.click(within(due).getByRole("button", { name: /^Check in Read for/ }));
    expect(within(due).getByText("1 of 1 done")).toBeInTheDocument();
    expect(within(due).queryByText(/^Started/)).not.toBeInTheDocument();
    hold.resolve();
  });

  it("shows an at-most day over its limit in colour and words", async () => {
    const coffee = makeHabit({
      id: 1,
      name: "Coffee",
      kind: "measurable",
      unit: "cups",
      target: 2,
      target_type: "at_most",
    });
    mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          items: [
            makeItem({
              habit: coffee,
              entry: { date: DATE, status: null, value: 3, note: "" },
              limit: "over",
              period_progress: { done: 3, target: 2 },
            }),
          ],
        },
      }),
    });
    renderWithProviders(view());
    const card = await screen.findByTestId("today-item-1");
    expect(card).toHaveClass("is-over");
    expect(within(card).getByText("Over the limit")).toBeInTheDocument();
    expect(within(card).getByText("3 of at most 2 cups today")).toBeInTheDocument();
    expect(screen.getByText("0 of 1 done")).toBeInTheDocument();
  });

  it("counts an at-most habit with nothing logged as within its limit", async () => {
    const coffee = makeHabit({
      id: 1,
      name: "Coffee",
      kind: "measurable",
      unit: "cups",
      target: 2,
      target_type: "at_most",
    });
    mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          items: [makeItem({ habit: coffee, done: true, limit: "within" })],
        },
      }),
    });
    renderWithProviders(view());
    const card = await screen.findByTestId("today-item-1");
    expect(card).toHaveClass("is-done");
    expect(within(card).getByText("Within the limit")).toBeInTheDocument();
    expect(screen.getByText("1 of 1 done")).toBeInTheDocument();
  });

  it("steps a measurable value up and down and saves it after a pause, without a button", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          items: [makeItem({ habit: water, period_progress: { done: 0, target: 8 } })],
        },
      }),
      "PUT /api/habits/1/entries/2025-06-04": ({ body }) => ({
        status: 200,
        body: { date: DATE, ...(body as object) },
      }),
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithProviders(view());
    const field = await screen.findByLabelText("Water value in glasses");
    expect(field).toHaveAttribute("placeholder", "0");
    expect(field).toHaveAccessibleDescription("of 8 glasses");
    expect(screen.queryByRole("button", { name: /Save/ })).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Take 1 glasses off Water" })).toBeDisabled();

    const add = screen.getByRole("button", { name: "Add 1 glasses to Water" });
    await user.click(add);
    await user.click(add);
    await user.click(add);
    await user.click(screen.getByRole("button", { name: "Take 1 glasses off Water" }));
    expect(field).toHaveValue(2);
    // Nothing is sent while the person is still pressing.
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(0);
    await act(() => vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 50));
    await waitFor(() => expect(calls.filter((c) => c.method === "PUT")).toHaveLength(1));
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({
      status: null,
      value: 2,
      note: "",
    });
  });

  it("steps by the habit's own step and saves a typed value on Enter", async () => {
    const bottle = makeHabit({
      id: 1,
      name: "Water",
      kind: "measurable",
      unit: "ml",
      target: 2000,
      step: 250,
    });
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: { date: DATE, items: [makeItem({ habit: bottle })] },
      }),
      "PUT /api/habits/1/entries/2025-06-04": ({ body }) => ({
        status: 200,
        body: { date: DATE, ...(body as object) },
      }),
    });
    renderWithProviders(view());
    await userEvent.click(await screen.findByRole("button", { name: "Add 250 ml to Water" }));
    const field = screen.getByLabelText("Water value in ml");
    expect(field).toHaveValue(250);
    await userEvent.clear(field);
    await userEvent.type(field, "1500{Enter}");
    await waitFor(() =>
      expect(
        calls.filter((c) => c.method === "PUT").map((c) => (c.body as { value: number }).value),
      ).toEqual([1500]),
    );
  });

  it("keeps a step of thousandths exact on the buttons and in the saved value", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const tea = makeHabit({ id: 1, name: "Tea", kind: "measurable", unit: "l", step: 0.125 });
    let saved: number | null = null;
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          items: [
            makeItem({
              habit: tea,
              entry: saved === null ? null : { date: DATE, status: null, value: saved, note: "" },
            }),
          ],
        },
      }),
      "PUT /api/habits/1/entries/2025-06-04": ({ body }) => {
        saved = (body as { value: number }).value;
        return { status: 200, body: { date: DATE, ...(body as object) } };
      },
    });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    renderWithProviders(view());
    const add = await screen.findByRole("button", { name: "Add 0.125 l to Tea" });
    expect(add).toHaveTextContent("+0.125");
    await user.click(add);
    await act(() => vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 50));
    await waitFor(() => expect(saved).toBe(0.125));
    // The answer from the server shows as 0.125, not 0.13, and the next press adds to that.
    const field = screen.getByLabelText("Tea value in l");
    await waitFor(() => expect(field).toHaveValue(0.125));
    await user.click(add);
    await act(() => vi.advanceTimersByTimeAsync(SAVE_DELAY_MS + 50));
    await waitFor(() => expect(calls.filter((c) => c.method === "PUT")).toHaveLength(2));
    expect(calls.filter((c) => c.method === "PUT")[1]?.body).toMatchObject({ value: 0.25 });
  });
});
