import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { Group } from "@/types/api";
import { boardOf, moveOnBoard, orderOf } from "../api/move-habit";
import { GroupsManager } from "./groups-manager";

const morning: Group = {
  id: 1,
  name: "Morning",
  color: "#2b7bb9",
  icon: "☀",
  position: 0,
  collapsed: false,
};
const health: Group = {
  id: 2,
  name: "Health",
  color: "#d9534f",
  icon: "",
  position: 1,
  collapsed: false,
};
const habits = [
  makeHabit({ id: 10, name: "Read", position: 0, group_id: 1 }),
  makeHabit({ id: 11, name: "Walk", position: 1, group_id: 1 }),
  makeHabit({ id: 12, name: "Gym", position: 2, group_id: null }),
];

describe("the board", () => {
  it("moves a habit into another group at a place and keeps archived habits last in the order", () => {
    const board = boardOf([health, morning], habits);
    expect(board.map((c) => c.group?.name ?? "none")).toEqual(["Morning", "Health", "none"]);
    const moved = moveOnBoard(board, 12, 1, 1);
    expect(moved[0]!.habits.map((h) => h.name)).toEqual(["Read", "Gym", "Walk"]);
    expect(moved[0]!.habits[1]!.group_id).toBe(1);
    expect(moved[2]!.habits).toEqual([]);
    const archived = [makeHabit({ id: 99, archived: true })];
    expect(orderOf(moved, archived)).toEqual([10, 12, 11, 99]);
  });
});

describe("GroupsManager", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("moves a habit to another group from its Group menu and in the group with the arrow buttons", async () => {
    // The server as a small store, so that the refetch after each save reads what was saved.
    let stored = habits.map((h) => ({ ...h }));
    const { calls } = mockApi({
      "GET /api/groups": () => ({ status: 200, body: [morning, health] }),
      "GET /api/habits": ({ url }) => ({
        status: 200,
        body: url.includes("archived=true") ? [makeHabit({ id: 99, archived: true })] : stored,
      }),
      "PATCH /api/habits/12": ({ body }) => {
        stored = stored.map((h) => (h.id === 12 ? { ...h, ...(body as object) } : h));
        return { status: 200, body: stored.find((h) => h.id === 12) };
      },
      "POST /api/habits/reorder": ({ body }) => {
        const ids = (body as { ids: number[] }).ids;
        stored = stored.map((h) => ({ ...h, position: ids.indexOf(h.id) }));
        return { status: 200, body: stored };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<GroupsManager />);
    await user.selectOptions(await screen.findByLabelText("Group for Gym"), "Health");
    const healthCard = screen.getByRole("region", { name: /Health/ });
    expect(within(healthCard).getByRole("link", { name: "Gym" })).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ group_id: 2 }),
    );
    await waitFor(() =>
      expect(calls.find((c) => c.method === "POST")?.body).toEqual({ ids: [10, 11, 12, 99] }),
    );
    expect(screen.getByText("Gym moved to Health, position 1 of 1.")).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Move Walk up" }));
    const morningCard = screen.getByRole("region", { name: /Morning/ });
    expect(
      within(morningCard)
        .getAllByRole("link")
        .map((l) => l.textContent),
    ).toEqual(["Morning", "Walk", "Read"]);
    await waitFor(() =>
      expect(calls.filter((c) => c.method === "POST").at(-1)?.body).toEqual({
        ids: [11, 10, 12, 99],
      }),
    );
  });

  it("reorders groups with the arrow buttons and folds one on Today through the API", async () => {
    let stored = [morning, health];
    const { calls } = mockApi({
      "GET /api/groups": () => ({ status: 200, body: stored }),
      "GET /api/habits": () => ({ status: 200, body: [] }),
      "POST /api/groups/reorder": ({ body }) => {
        const ids = (body as { ids: number[] }).ids;
        stored = ids.map((id, position) => ({ ...stored.find((g) => g.id === id)!, position }));
        return { status: 200, body: stored };
      },
      "PATCH /api/groups/1": ({ body }) => {
        stored = stored.map((g) => (g.id === 1 ? { ...g, ...(body as object) } : g));
        return { status: 200, body: stored.find((g) => g.id === 1) };
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<GroupsManager />);
    await user.click(await screen.findByRole("button", { name: "Move group Health up" }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "POST")?.body).toEqual({ ids: [2, 1] }),
    );
    const headings = screen.getAllByRole("heading", { level: 2 }).map((h) => h.textContent ?? "");
    const at = (name: string) => headings.findIndex((text) => text.includes(name));
    expect(at("Health")).toBeGreaterThan(-1);
    expect(at("Health")).toBeLessThan(at("Morning"));
    expect(screen.getByRole("button", { name: "Move group Health up" })).toBeDisabled();

    const fold = screen.getByRole("button", { name: "Fold on Today: Morning" });
    expect(fold).toHaveAttribute("aria-pressed", "false");
    await user.click(fold);
    expect(fold).toHaveAttribute("aria-pressed", "true");
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ collapsed: true }),
    );
  });

  it("creates a group, and says what is wrong with an empty name", async () => {
    const { calls } = mockApi({
      "GET /api/groups": () => ({ status: 200, body: [] }),
      "GET /api/habits": () => ({ status: 200, body: [] }),
      "POST /api/groups": ({ body }) => ({
        status: 201,
        body: { id: 3, position: 0, collapsed: false, ...(body as object) },
      }),
    });
    const user = userEvent.setup();
    renderWithProviders(<GroupsManager />);
    const form = await screen.findByRole("form", { name: "New group" });
    await user.click(within(form).getByRole("button", { name: "Create group" }));
    expect(within(form).getByText("Give the group a name.")).toBeInTheDocument();
    await user.type(within(form).getByLabelText("Group name"), "Evening");
    await user.type(within(form).getByLabelText("Icon"), "🌙");
    await user.click(within(form).getByRole("button", { name: "Create group" }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "POST")?.body).toEqual({
        name: "Evening",
        color: "#2f7d5b",
        icon: "🌙",
      }),
    );
  });
});
