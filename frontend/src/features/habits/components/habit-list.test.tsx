import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import { HabitList } from "./habit-list";

const habits = [
  makeHabit({ id: 1, name: "Read" }),
  makeHabit({ id: 2, name: "Run", position: 1 }),
  makeHabit({ id: 3, name: "Water", position: 2 }),
];

describe("HabitList", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("moves a habit with the keyboard buttons and saves the order", async () => {
    let served = habits;
    const { calls } = mockApi({
      "GET /api/habits": () => ({ status: 200, body: served }),
      "POST /api/habits/reorder": ({ body }) => {
        const ids = (body as { ids: number[] }).ids;
        served = ids.map((id) => habits.find((h) => h.id === id)!);
        return { status: 200, body: {} };
      },
    });
    renderWithProviders(<HabitList archived={false} />);
    await userEvent.click(await screen.findByRole("button", { name: "Move Water up" }));
    const rows = screen.getAllByRole("listitem");
    expect(within(rows[1]!).getByText("Water")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ ids: [1, 3, 2] });
    expect(screen.getByRole("button", { name: "Move Read up" })).toBeDisabled();
  });

  it("saves the order of the active habits alone when some are archived", async () => {
    const archived = makeHabit({ id: 9, name: "Old", archived: true, position: 3 });
    let served = habits;
    const { calls } = mockApi({
      "GET /api/habits": ({ url }) => ({
        status: 200,
        body: url.includes("archived=true") ? [archived] : served,
      }),
      // As the server rules: every habit, or every active one, exactly once.
      "POST /api/habits/reorder": ({ body }) => {
        const ids = (body as { ids: number[] }).ids;
        if ([...ids].sort().join() !== "1,2,3") return { status: 422, body: { detail: [] } };
        served = ids.map((id) => habits.find((h) => h.id === id)!);
        return { status: 200, body: served };
      },
    });
    renderWithProviders(<HabitList archived={false} />);
    await userEvent.click(await screen.findByRole("button", { name: "Move Read down" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ ids: [2, 1, 3] });
    await waitFor(() =>
      expect(within(screen.getAllByRole("listitem")[0]!).getByText("Run")).toBeInTheDocument(),
    );
    expect(screen.queryByText(/Order not saved/)).not.toBeInTheDocument();
  });

  it("names the group each habit is in", async () => {
    mockApi({
      "GET /api/habits": () => ({
        status: 200,
        body: [makeHabit({ id: 1, name: "Read", group_id: 4 }), makeHabit({ id: 2, name: "Run" })],
      }),
    });
    renderWithProviders(<HabitList archived={false} groupNames={new Map([[4, "Morning"]])} />);
    const read = await screen.findByTestId("habit-row-1");
    expect(within(read).getByText(/^Morning · /)).toBeInTheDocument();
    expect(within(screen.getByTestId("habit-row-2")).queryByText(/Morning/)).toBeNull();
  });

  it("archives a habit and offers Undo in a toast", async () => {
    const { calls } = mockApi({
      "GET /api/habits": () => ({ status: 200, body: habits }),
      "PATCH /api/habits/2": ({ body }) => ({
        status: 200,
        body: { ...habits[1], ...(body as object) },
      }),
    });
    renderWithProviders(<HabitList archived={false} />);
    await userEvent.click(await screen.findByRole("button", { name: "Archive Run" }));
    const toast = await screen.findByText("Run archived.");
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ archived: true }),
    );
    await userEvent.click(within(toast.parentElement!).getByRole("button", { name: "Undo" }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === "PATCH").map((c) => c.body)).toEqual([
        { archived: true },
        { archived: false },
      ]),
    );
    expect(await screen.findByText("Run restored.")).toBeInTheDocument();
  });

  it("asks for confirmation before deleting, focusing Cancel, and confirms in a toast", async () => {
    const { calls } = mockApi({
      "GET /api/habits": () => ({ status: 200, body: habits }),
      "DELETE /api/habits/1": () => ({ status: 204 }),
    });
    renderWithProviders(<HabitList archived={false} />);
    await userEvent.click(await screen.findByRole("button", { name: "Delete Read" }));
    const dialog = screen.getByRole("dialog", { name: "Delete “Read”?" });
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete habit" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(
      within(screen.getByRole("status")).getByText("“Read” and its history were deleted."),
    ).toBeInTheDocument();
  });

  it("does not delete when Enter is pressed twice", async () => {
    const { calls } = mockApi({
      "GET /api/habits": () => ({ status: 200, body: habits }),
      "DELETE /api/habits/1": () => ({ status: 204 }),
    });
    renderWithProviders(<HabitList archived={false} />);
    const remove = await screen.findByRole("button", { name: "Delete Read" });
    remove.focus();
    // The first Enter opens the dialog; the second lands on Cancel and closes it.
    await userEvent.keyboard("{Enter}");
    expect(screen.getByRole("dialog")).toBeInTheDocument();
    await userEvent.keyboard("{Enter}");
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);
    expect(remove).toHaveFocus();
  });

  it("offers restore for archived habits", async () => {
    mockApi({
      "GET /api/habits": () => ({ status: 200, body: [{ ...habits[0], archived: true }] }),
    });
    renderWithProviders(<HabitList archived />);
    expect(await screen.findByRole("button", { name: "Restore Read" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Move Read up" })).not.toBeInTheDocument();
  });
});
