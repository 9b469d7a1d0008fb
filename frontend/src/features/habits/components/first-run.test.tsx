import { i18n } from "@lingui/core";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import { FirstRun } from "./first-run";

describe("FirstRun", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("creates the chosen example habits in one click", async () => {
    const { calls } = mockApi({ "POST /api/habits": () => ({ status: 201, body: makeHabit() }) });
    renderWithProviders(<FirstRun today="2025-06-04" />);
    await userEvent.click(screen.getByRole("checkbox", { name: /Meditate/ }));
    await userEvent.click(screen.getByRole("button", { name: "Add 3 example habits" }));
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls.map((c) => (c.body as { name: string }).name)).toEqual([
      "Drink water",
      "Read",
      "Exercise",
    ]);
    expect(calls[0]?.body).toMatchObject({ start_date: "2025-06-04", kind: "measurable" });
    // Nobody asked for a reminder.
    expect(calls.map((c) => (c.body as { reminder_time: unknown }).reminder_time)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it("tells the person who added examples, and points Loop users to the import", async () => {
    mockApi({ "POST /api/habits": () => ({ status: 201, body: makeHabit() }) });
    const onAdded = vi.fn();
    renderWithProviders(<FirstRun today="2025-06-04" onAdded={onAdded} />);
    expect(screen.getByText(/Loop Habit Tracker/)).toBeInTheDocument();
    expect(
      screen.getByRole("link", { name: /import your habits and history in Settings/ }),
    ).toHaveAttribute("href", "/settings#import");
    await userEvent.click(screen.getByRole("button", { name: "Add 4 example habits" }));
    await waitFor(() => expect(onAdded).toHaveBeenCalled());
  });

  it("creates the example habits in the person's language", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    const { calls } = mockApi({ "POST /api/habits": () => ({ status: 201, body: makeHabit() }) });
    renderWithProviders(<FirstRun today="2025-06-04" />);
    expect(screen.getByRole("heading", { name: "Starte mit ein paar Gewohnheiten" })).toBeVisible();
    expect(screen.getByText("3-mal pro Woche")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("checkbox", { name: /Meditieren/ }));
    await userEvent.click(
      screen.getByRole("button", { name: "3 Beispielgewohnheiten hinzufügen" }),
    );
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls.map((c) => c.body)).toMatchObject([
      { name: "Wasser trinken", description: "Acht Gläser über den Tag verteilt.", unit: "Gläser" },
      { name: "Lesen", description: "Ein paar Seiten vor dem Schlafengehen." },
      { name: "Sport treiben", description: "Jedes Training zählt." },
    ]);
  });
});
