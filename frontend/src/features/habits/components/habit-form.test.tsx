import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeHabit, mockApi, renderWithProviders } from "@/testing/render";
import { HabitForm } from "./habit-form";

function renderForm(props: Partial<Parameters<typeof HabitForm>[0]> = {}) {
  const onSaved = vi.fn();
  renderWithProviders(
    <HabitForm today="2025-06-04" weekStart={0} onSaved={onSaved} onCancel={() => {}} {...props} />,
  );
  return { onSaved };
}

describe("HabitForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("creates a daily yes-or-no habit", async () => {
    const { calls } = mockApi({
      "POST /api/habits": ({ body }) => ({
        status: 201,
        body: { ...makeHabit(), ...(body as object) },
      }),
    });
    const { onSaved } = renderForm();
    await userEvent.type(screen.getByLabelText("Name"), "Read");
    await userEvent.type(screen.getByLabelText("Icon"), "📚");
    await userEvent.click(screen.getByRole("button", { name: "Create habit" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls[0]?.body).toEqual({
      name: "Read",
      description: "",
      color: "#2f7d5b",
      icon: "📚",
      kind: "boolean",
      unit: "",
      target: 1,
      target_type: "at_least",
      step: 1,
      schedule: { type: "daily" },
      start_date: "2025-06-04",
    });
    // No reminders asked for: nothing but the habit is sent.
    expect(calls).toHaveLength(1);
  });

  it("creates a measurable habit on chosen weekdays with a reminder", async () => {
    const { calls } = mockApi({
      "POST /api/habits": ({ body }) => ({
        status: 201,
        body: { ...makeHabit({ id: 5 }), ...(body as object) },
      }),
      "GET /api/habits/5/reminders": () => ({ status: 200, body: [] }),
      "POST /api/habits/5/reminders": ({ body }) => ({
        status: 201,
        body: { id: 1, habit_id: 5, ...(body as object) },
      }),
    });
    renderForm();
    await userEvent.type(screen.getByLabelText("Name"), "Run");
    await userEvent.click(screen.getByLabelText("Measurable (a number)"));
    await userEvent.clear(screen.getByLabelText("Target"));
    await userEvent.type(screen.getByLabelText("Target"), "5");
    await userEvent.type(screen.getByLabelText("Unit"), "km");
    await userEvent.selectOptions(screen.getByLabelText("How often"), "weekdays");
    // Default days are Mon, Wed, Fri: drop Wednesday, add Saturday.
    await userEvent.click(screen.getByLabelText("Wednesday"));
    await userEvent.click(screen.getByLabelText("Saturday"));
    await userEvent.click(screen.getByRole("button", { name: "Add a reminder" }));
    const time = screen.getByLabelText("Time");
    await userEvent.clear(time);
    await userEvent.type(time, "07:30");
    await userEvent.click(screen.getByRole("button", { name: "Create habit" }));
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls[0]?.body).toMatchObject({
      kind: "measurable",
      target: 5,
      unit: "km",
      schedule: { type: "weekdays", days: ["mon", "fri", "sat"] },
    });
    expect(calls[0]?.body).not.toHaveProperty("reminder_time");
    // The reminder follows the habit's days unless it is given its own.
    expect(calls[2]).toMatchObject({
      method: "POST",
      url: "/api/habits/5/reminders",
      body: { time: "07:30", only_if_not_done: true, channels: ["push"] },
    });
    expect(calls[2]?.body).not.toHaveProperty("weekdays");
  });

  it.each([
    ["times_per_week", { type: "times_per_week", times: 3 }],
    ["times_per_month", { type: "times_per_month", times: 3 }],
    ["every_n_days", { type: "every_n_days", n: 2 }],
    ["times_in_days", { type: "times_in_days", times: 3, days: 7 }],
  ])("sends a %s schedule", async (type, schedule) => {
    const { calls } = mockApi({
      "POST /api/habits": ({ body }) => ({
        status: 201,
        body: { ...makeHabit(), ...(body as object) },
      }),
    });
    renderForm();
    await userEvent.type(screen.getByLabelText("Name"), "Habit");
    await userEvent.selectOptions(screen.getByLabelText("How often"), type);
    await userEvent.click(screen.getByRole("button", { name: "Create habit" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toMatchObject({ schedule });
  });

  it("validates before sending", async () => {
    const { calls } = mockApi({});
    renderForm();
    await userEvent.click(screen.getByLabelText("Measurable (a number)"));
    await userEvent.click(screen.getByRole("button", { name: "Create habit" }));
    expect(await screen.findByText("Give the habit a name.")).toBeInTheDocument();
    expect(screen.getByText("Give a unit, such as km or glasses.")).toBeInTheDocument();
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "true");
    expect(calls).toHaveLength(0);
  });

  it("shows the server's field errors next to the field", async () => {
    mockApi({
      "POST /api/habits": () => ({
        status: 422,
        body: {
          detail: [{ loc: ["body", "payload", "name"], msg: "A habit with this name exists." }],
        },
      }),
    });
    renderForm();
    await userEvent.type(screen.getByLabelText("Name"), "Read");
    await userEvent.click(screen.getByRole("button", { name: "Create habit" }));
    expect(await screen.findByText("A habit with this name exists.")).toBeInTheDocument();
  });

  it("edits an existing habit with PATCH", async () => {
    const habit = makeHabit({ id: 9, name: "Walk", schedule: { type: "every_n_days", n: 3 } });
    const { calls } = mockApi({
      "GET /api/habits/9/reminders": () => ({ status: 200, body: [] }),
      "PATCH /api/habits/9": ({ body }) => ({
        status: 200,
        body: { ...habit, ...(body as object) },
      }),
    });
    renderForm({ habit });
    expect(screen.getByLabelText("Every how many days")).toHaveValue(3);
    await userEvent.clear(screen.getByLabelText("Name"));
    await userEvent.type(screen.getByLabelText("Name"), "Long walk");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")?.body).toMatchObject({
      name: "Long walk",
      schedule: { type: "every_n_days", n: 3 },
    });
  });

  it("moves a habit to another group or out of every group with the Group menu", async () => {
    const habit = makeHabit({ id: 9, name: "Walk", group_id: 1 });
    const groups = [
      { id: 1, name: "Morning", color: "#2b7bb9", icon: "☀", position: 0, collapsed: false },
      { id: 2, name: "Health", color: "#d9534f", icon: "", position: 1, collapsed: false },
    ];
    const { calls } = mockApi({
      "GET /api/habits/9/reminders": () => ({ status: 200, body: [] }),
      "PATCH /api/habits/9": ({ body }) => ({
        status: 200,
        body: { ...habit, ...(body as object) },
      }),
    });
    renderForm({ habit, groups });
    const menu = screen.getByLabelText("Group");
    expect(menu).toHaveValue("1");
    await userEvent.selectOptions(menu, "Health");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls.some((c) => c.method === "PATCH")).toBe(true));
    expect(calls.find((c) => c.method === "PATCH")?.body).toMatchObject({ group_id: 2 });

    await userEvent.selectOptions(menu, "No group");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(2));
    expect(calls.filter((c) => c.method === "PATCH")[1]?.body).toMatchObject({ group_id: null });
  });

  it("offers no Group menu to a person without groups", () => {
    mockApi({});
    renderForm();
    expect(screen.queryByLabelText("Group")).not.toBeInTheDocument();
  });

  it("sends a new measurable habit's step for the + and − buttons", async () => {
    const { calls } = mockApi({
      "POST /api/habits": ({ body }) => ({
        status: 201,
        body: { ...makeHabit(), ...(body as object) },
      }),
    });
    const { onSaved } = renderForm();
    await userEvent.type(screen.getByLabelText("Name"), "Water");
    await userEvent.click(screen.getByLabelText("Measurable (a number)"));
    await userEvent.type(screen.getByLabelText("Unit"), "ml");
    const step = screen.getByLabelText("Step for + and −");
    expect(step).toHaveValue(1);
    await userEvent.clear(step);
    await userEvent.type(step, "250");
    await userEvent.click(screen.getByRole("button", { name: "Create habit" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls[0]?.body).toMatchObject({ kind: "measurable", unit: "ml", step: 250 });
    // The step lives on the server now, not on this device.
    expect(localStorage.length).toBe(0);
  });

  it("shows a habit's own step and sends a changed one with PATCH", async () => {
    const habit = makeHabit({
      id: 7,
      name: "Water",
      kind: "measurable",
      unit: "ml",
      target: 2000,
      step: 250,
    });
    const { calls } = mockApi({
      "GET /api/habits/7/reminders": () => ({ status: 200, body: [] }),
      "PATCH /api/habits/7": ({ body }) => ({
        status: 200,
        body: { ...habit, ...(body as object) },
      }),
    });
    const { onSaved } = renderForm({ habit });
    const step = screen.getByLabelText("Step for + and −");
    expect(step).toHaveValue(250);
    await userEvent.clear(step);
    await userEvent.type(step, "0.125");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(calls.find((c) => c.method === "PATCH")?.body).toMatchObject({ step: 0.125 });
    expect(onSaved.mock.calls[0]?.[0]).toMatchObject({ id: 7, step: 0.125 });
  });

  it.each([
    ["", "Step must be a number above zero."],
    ["0", "Step must be a number above zero."],
    ["-5", "Step must be a number above zero."],
    ["0.0005", "Use at most three decimals for the step."],
    ["1000000000", "Keep the step under a billion."],
  ])("refuses a step of %j before sending", async (typed, message) => {
    const habit = makeHabit({ id: 7, name: "Water", kind: "measurable", unit: "ml", step: 250 });
    const { calls } = mockApi({
      "GET /api/habits/7/reminders": () => ({ status: 200, body: [] }),
    });
    renderForm({ habit });
    const step = screen.getByLabelText("Step for + and −");
    await userEvent.clear(step);
    if (typed) await userEvent.type(step, typed);
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText(message)).toBeInTheDocument();
    expect(step).toHaveAttribute("aria-invalid", "true");
    expect(calls.filter((c) => c.method !== "GET")).toHaveLength(0);
  });

  it("shows the server's refusal of a step next to the field", async () => {
    const habit = makeHabit({ id: 7, name: "Water", kind: "measurable", unit: "ml" });
    mockApi({
      "GET /api/habits/7/reminders": () => ({ status: 200, body: [] }),
      "PATCH /api/habits/7": () => ({
        status: 422,
        body: { detail: [{ loc: ["body", "payload", "step"], msg: "Too large a step." }] },
      }),
    });
    renderForm({ habit });
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("Too large a step.")).toBeInTheDocument();
    expect(screen.getByLabelText("Step for + and −")).toHaveAttribute("aria-invalid", "true");
  });
});
