import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { deferred, makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { DayStatus, TodayDay, TodayItem, TodayResponse } from "@/types/api";
import { addDays } from "@/utils/dates";
import { cellDate, cellLabel, dayWithEntry, nextCellInput } from "./day-cells";
import { TodayView } from "./today-view";

// Wednesday 2 December 2026.
const DATE = "2026-12-02";

function week(statuses: DayStatus[], values: (number | null)[] = []): TodayDay[] {
  return statuses.map((status, i) => ({
    date: addDays(DATE, i - 6),
    status,
    value: values[i] ?? null,
    due: status !== "not_due",
    note: status === "empty" || status === "missed" ? null : "",
  }));
}

function item(overrides: Partial<TodayItem> = {}): TodayItem {
  return {
    habit: makeHabit({ id: 1, name: "Read" }),
    due: true,
    done: false,
    before_start: false,
    limit: null,
    entry: null,
    current_streak: 1,
    best_streak: 3,
    score: 0.5,
    period_progress: { done: 0, target: 1 },
    days: week(["before_start", "not_due", "done", "skipped", "missed", "missed", "empty"]),
    ...overrides,
  };
}

function view() {
  return <TodayView date={DATE} today={DATE} weekStart={0} empty={<p>empty</p>} />;
}

describe("the week grid on Today", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  it("names every day and its state for screen readers", async () => {
    mockApi({ "GET /api/today": () => ({ status: 200, body: { date: DATE, items: [item()] } }) });
    renderWithProviders(view());
    const row = await screen.findByRole("group", { name: "Read, last 7 days" });
    const cells = within(row).getAllByRole("button");
    expect(cells.map((c) => c.getAttribute("aria-label"))).toEqual([
      `Read, ${cellDate("2026-11-26")}: before the habit started`,
      `Read, ${cellDate("2026-11-27")}: not due`,
      `Read, ${cellDate("2026-11-28")}: done`,
      `Read, ${cellDate("2026-11-29")}: skipped`,
      `Read, ${cellDate("2026-11-30")}: missed`,
      `Read, ${cellDate("2026-12-01")}: missed`,
      `Read, ${cellDate("2026-12-02")}: not done yet`,
    ]);
    expect(cells[2]).toHaveAttribute("aria-pressed", "true");
    // Days that were never due look different from missed ones.
    expect(cells[1]).toHaveClass("is-not-due");
    expect(cells[0]).toHaveClass("is-before-start");
    expect(cells[4]).toHaveClass("is-missed");
  });

  it("is one tab stop that the arrow keys, Home and End move through", async () => {
    mockApi({ "GET /api/today": () => ({ status: 200, body: { date: DATE, items: [item()] } }) });
    const user = userEvent.setup();
    renderWithProviders(view());
    const row = await screen.findByRole("group", { name: "Read, last 7 days" });
    const cells = within(row).getAllByRole("button");
    expect(cells.filter((c) => c.tabIndex === 0)).toEqual([cells[6]]);
    cells[6]!.focus();
    await user.keyboard("{ArrowLeft}");
    expect(cells[5]).toHaveFocus();
    expect(cells[5]).toHaveAttribute("tabindex", "0");
    expect(cells[6]).toHaveAttribute("tabindex", "-1");
    await user.keyboard("{Home}");
    expect(cells[0]).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(cells[0]).toHaveFocus();
    await user.keyboard("{End}");
    expect(cells[6]).toHaveFocus();
  });

  it("moves to the same day of the habit above or below with the up and down arrows", async () => {
    mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          items: [item(), item({ habit: makeHabit({ id: 2, name: "Walk" }) })],
        },
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(view());
    const read = await screen.findByRole("group", { name: "Read, last 7 days" });
    const walk = screen.getByRole("group", { name: "Walk, last 7 days" });
    within(read).getAllByRole("button")[6]!.focus();
    await user.keyboard("{ArrowLeft}{ArrowDown}");
    const walkCells = within(walk).getAllByRole("button");
    expect(walkCells[5]).toHaveFocus();
    // The row below now keeps its tab stop on the day reached.
    expect(walkCells[5]).toHaveAttribute("tabindex", "0");
    await user.keyboard("{ArrowUp}");
    expect(within(read).getAllByRole("button")[5]).toHaveFocus();
  });

  it("back-fills yesterday with Enter, keeping the day's note, and cycles done, skipped, empty", async () => {
    const yesterday = addDays(DATE, -1);
    const held = deferred();
    // Yesterday holds only a note, which the grid's cell carries.
    const days = week(["before_start", "not_due", "done", "skipped", "missed", "missed", "empty"]);
    days[5] = { ...days[5]!, note: "Train" };
    const { calls } = mockApi({
      "GET /api/today": () => ({ status: 200, body: { date: DATE, items: [item({ days })] } }),
      [`PUT /api/habits/1/entries/${yesterday}`]: ({ body }) => ({
        status: 200,
        body: { date: yesterday, ...(body as object) },
        delay: held.promise,
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(view());
    const row = await screen.findByRole("group", { name: "Read, last 7 days" });
    const cell = within(row).getByRole("button", { name: new RegExp(cellDate("2026-12-01")) });
    cell.focus();
    await user.keyboard("{Enter}");
    expect(
      await within(row).findByRole("button", { name: `Read, ${cellDate("2026-12-01")}: done` }),
    ).toHaveAttribute("aria-pressed", "true");
    await waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true));
    const put = calls.find((c) => c.method === "PUT")!;
    expect(put.url).toContain(`/entries/${yesterday}`);
    expect(put.body).toEqual({ status: "done", value: null, note: "Train" });
    // The note came with the grid: the day was not read before the save.
    expect(calls.filter((c) => c.url.includes("/api/habits/1/entries?"))).toEqual([]);
    held.resolve();

    expect(nextCellInput({ date: DATE, status: "done", value: null, due: true })).toEqual({
      status: "skipped",
    });
    expect(nextCellInput({ date: DATE, status: "skipped", value: null, due: true })).toEqual({
      status: null,
    });
  });

  it("shows quick clicks at once and saves them one after the other, in order", async () => {
    const yesterday = addDays(DATE, -1);
    const held = deferred();
    const { calls } = mockApi({
      "GET /api/today": () => ({ status: 200, body: { date: DATE, items: [item()] } }),
      [`PUT /api/habits/1/entries/${yesterday}`]: ({ body }) => ({
        status: 200,
        body: { date: yesterday, ...(body as object) },
        delay: held.promise,
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(view());
    const row = await screen.findByRole("group", { name: "Read, last 7 days" });
    await user.click(within(row).getByRole("button", { name: new RegExp(cellDate(yesterday)) }));
    await user.click(within(row).getByRole("button", { name: new RegExp(cellDate(yesterday)) }));
    expect(
      within(row).getByRole("button", { name: `Read, ${cellDate(yesterday)}: skipped` }),
    ).toBeInTheDocument();
    await waitFor(() => expect(calls.filter((c) => c.method === "PUT")).toHaveLength(1));
    // The second change waits for the first to be answered.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls.filter((c) => c.method === "PUT")).toHaveLength(1);
    held.resolve();
    await waitFor(() => expect(calls.filter((c) => c.method === "PUT")).toHaveLength(2));
    expect(
      calls.filter((c) => c.method === "PUT").map((c) => (c.body as { status: string }).status),
    ).toEqual(["done", "skipped"]);
  });

  it("opens a value field for a measurable day and saves the number", async () => {
    const held = deferred();
    const water = makeHabit({
      id: 3,
      name: "Water",
      kind: "measurable",
      unit: "glasses",
      target: 8,
    });
    const yesterday = addDays(DATE, -1);
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          items: [
            item({
              habit: water,
              days: week(
                ["missed", "missed", "done", "partial", "missed", "partial", "empty"],
                [null, null, 8, 3, null, 2, null],
              ).map((d) => ({ ...d, note: "" })),
            }),
          ],
        },
      }),
      [`PUT /api/habits/3/entries/${yesterday}`]: ({ body }) => ({
        status: 200,
        body: { date: yesterday, ...(body as object) },
        delay: held.promise,
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(view());
    const cell = await screen.findByRole("button", {
      name: `Water, ${cellDate("2026-12-01")}: 2 glasses, partly done`,
    });
    await user.click(cell);
    expect(cell).toHaveAttribute("aria-expanded", "true");
    const field = screen.getByLabelText(`Water, ${cellDate("2026-12-01")} (glasses)`);
    expect(field).toHaveFocus();
    await user.clear(field);
    await user.type(field, "9{Enter}");
    await waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true));
    expect(calls.find((c) => c.method === "PUT")!.body).toEqual({
      status: null,
      value: 9,
      note: "",
    });
    expect(
      screen.getByRole("button", { name: `Water, ${cellDate("2026-12-01")}: 9 glasses, done` }),
    ).toHaveFocus();
    held.resolve();
  });

  it("shows groups under headers that fold through the API, an Ungrouped section and a filter", async () => {
    const groups = [
      { id: 7, name: "Morning", color: "#2b7bb9", icon: "☀", position: 0, collapsed: false },
    ].map((g) => ({ ...g, score: 0.62, done_today: 1, due_today: 2 }));
    const { calls } = mockApi({
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: DATE,
          groups,
          items: [
            item({ habit: makeHabit({ id: 1, name: "Read", group_id: 7 }) }),
            item({ habit: makeHabit({ id: 2, name: "Walk", group_id: null }) }),
          ],
        } satisfies TodayResponse,
      }),
      "PATCH /api/groups/7": () => ({ status: 200, body: { ...groups[0], collapsed: true } }),
    });
    const user = userEvent.setup();
    renderWithProviders(view());
    const morning = await screen.findByRole("region", { name: "Morning" });
    expect(within(morning).getByText("Score 62%")).toBeInTheDocument();
    expect(within(morning).getByText("1 of 2 done today")).toBeInTheDocument();
    expect(within(morning).getByRole("link", { name: "Read" })).toBeVisible();
    const ungrouped = screen.getByRole("region", { name: "Ungrouped" });
    expect(within(ungrouped).getByRole("link", { name: "Walk" })).toBeVisible();

    await user.click(within(morning).getByRole("button", { name: "Morning" }));
    expect(within(morning).getByRole("button", { name: "Morning" })).toHaveAttribute(
      "aria-expanded",
      "false",
    );
    expect(within(morning).queryByRole("link", { name: "Read" })).not.toBeInTheDocument();
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ collapsed: true }),
    );

    await user.selectOptions(screen.getByLabelText("Show"), "Ungrouped");
    expect(screen.queryByRole("region", { name: "Morning" })).not.toBeInTheDocument();
    expect(screen.getByRole("region", { name: "Ungrouped" })).toBeInTheDocument();
  });
});

describe("day-cells", () => {
  const habit = makeHabit({ name: "Read" });

  it("reads a measurable day with its value and unit", () => {
    const water = makeHabit({ name: "Water", kind: "measurable", unit: "ml", target: 2000 });
    expect(cellLabel(water, { date: DATE, status: "partial", value: 500, due: true })).toBe(
      `Water, ${cellDate("2026-12-02")}: 500 ml, partly done`,
    );
  });

  it("turns a cleared past due day into a missed one and a cleared day not due into not due", () => {
    const past = { date: addDays(DATE, -2), status: "done" as const, value: null, due: true };
    expect(dayWithEntry(habit, past, null, DATE).status).toBe("missed");
    expect(dayWithEntry(habit, { ...past, due: false }, null, DATE).status).toBe("not_due");
    expect(dayWithEntry(habit, { ...past, date: DATE }, null, DATE).status).toBe("empty");
  });
});

describe("cellDate", () => {
  it("names the weekday, day and month without the year", () => {
    const words = cellDate("2026-12-01");
    expect(words).toMatch(/Tuesday/);
    expect(words).toMatch(/December/);
    expect(words).toMatch(/\b1\b/);
    expect(words).not.toMatch(/2026/);
  });
});
