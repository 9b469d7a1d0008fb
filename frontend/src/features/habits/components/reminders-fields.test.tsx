import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import type { Reminder } from "@/types/api";
import { HabitForm } from "./habit-form";

const habit = makeHabit({
  id: 3,
  name: "Stretch",
  schedule: { type: "weekdays", days: ["mon", "thu"] },
});
const morning: Reminder = {
  id: 11,
  habit_id: 3,
  time: "07:00",
  weekdays: ["mon", "thu"],
  follows_habit_schedule: true,
  only_if_not_done: true,
  channels: ["push"],
  next_fire_at: "2025-06-05T07:00:00Z",
};
const evening: Reminder = { ...morning, id: 12, time: "21:00", channels: ["email"] };

function renderEdit() {
  const onSaved = vi.fn();
  renderWithProviders(
    <HabitForm
      habit={habit}
      today="2025-06-04"
      weekStart={0}
      onSaved={onSaved}
      onCancel={() => {}}
    />,
  );
  return { onSaved };
}

describe("the reminders of a habit", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows each saved reminder, and saves a changed, a removed and a new one", async () => {
    const { calls } = mockApi({
      "GET /api/habits/3/reminders": () => ({ status: 200, body: [morning, evening] }),
      "PATCH /api/habits/3": ({ body }) => ({
        status: 200,
        body: { ...habit, ...(body as object) },
      }),
      "PATCH /api/reminders/11": ({ body }) => ({
        status: 200,
        body: { ...morning, ...(body as object) },
      }),
      "DELETE /api/reminders/12": () => ({ status: 204 }),
      "POST /api/habits/3/reminders": ({ body }) => ({
        status: 201,
        body: { ...morning, id: 13, ...(body as object) },
      }),
    });
    const { onSaved } = renderEdit();
    const first = await screen.findByRole("group", { name: "Reminder 1" });
    expect(within(first).getByLabelText("Time")).toHaveValue("07:00");
    expect(within(first).getByText(/Now on Mon and Thu; follows the schedule/)).toBeInTheDocument();
    const second = screen.getByRole("group", { name: "Reminder 2" });
    expect(within(second).getByLabelText("E-mail")).toBeChecked();

    // The morning one gets its own days, starting from the habit's.
    await userEvent.click(within(first).getByLabelText("On the days the habit is due"));
    expect(within(first).getByLabelText("Monday")).toBeChecked();
    await userEvent.click(within(first).getByLabelText("Saturday"));
    await userEvent.click(within(first).getByLabelText("Only if not done yet"));
    await userEvent.click(
      within(second).getByRole("button", { name: "Remove reminder 2 (21:00)" }),
    );
    await userEvent.click(screen.getByRole("button", { name: "Add a reminder" }));
    const added = screen.getByRole("group", { name: "Reminder 2" });
    expect(within(added).getByLabelText("Time")).toHaveValue("08:00");
    await userEvent.click(within(added).getByLabelText("E-mail"));

    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    const writes = calls.filter((c) => c.url.includes("reminders") && c.method !== "GET");
    expect(writes).toEqual([
      { method: "DELETE", url: "/api/reminders/12", body: undefined },
      {
        method: "PATCH",
        url: "/api/reminders/11",
        body: {
          time: "07:00",
          weekdays: ["mon", "thu", "sat"],
          only_if_not_done: false,
          channels: ["push"],
        },
      },
      {
        method: "POST",
        url: "/api/habits/3/reminders",
        body: { time: "08:00", only_if_not_done: true, channels: ["push", "email"] },
      },
    ]);
  });

  it("keeps the form open and names the field the server refused", async () => {
    mockApi({
      "GET /api/habits/3/reminders": () => ({ status: 200, body: [] }),
      "PATCH /api/habits/3": () => ({ status: 200, body: habit }),
      "POST /api/habits/3/reminders": () => ({
        status: 422,
        body: { detail: [{ loc: ["body", "payload", "time"], msg: "must be a local time" }] },
      }),
    });
    const { onSaved } = renderEdit();
    await userEvent.click(await screen.findByRole("button", { name: "Add a reminder" }));
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    const reminder = screen.getByRole("group", { name: "Reminder 1" });
    await waitFor(() =>
      expect(within(reminder).getByLabelText("Time")).toHaveAttribute("aria-invalid", "true"),
    );
    expect(within(reminder).getByText("must be a local time")).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();
  });

  it("refuses a reminder with no day and no channel before sending anything", async () => {
    const { calls } = mockApi({
      "GET /api/habits/3/reminders": () => ({ status: 200, body: [morning] }),
    });
    renderEdit();
    const first = await screen.findByRole("group", { name: "Reminder 1" });
    await userEvent.click(within(first).getByLabelText("On the days the habit is due"));
    await userEvent.click(within(first).getByLabelText("Monday"));
    await userEvent.click(within(first).getByLabelText("Thursday"));
    await userEvent.click(within(first).getByLabelText("Notification"));
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await within(first).findByText("Pick at least one day.")).toBeInTheDocument();
    expect(
      within(first).getByText("Choose a notification, an e-mail or both."),
    ).toBeInTheDocument();
    expect(screen.getByText("Please fix the highlighted fields.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method !== "GET")).toHaveLength(0);
  });
});
