import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { makeHabit, renderWithProviders } from "@/testing/render";
import { DayEditor } from "./day-editor";

const water = makeHabit({
  id: 5,
  name: "Water",
  kind: "measurable",
  unit: "ml",
  target: 2000,
  step: 250,
  start_date: "2025-05-01",
});

function renderEditor(habit = water, value: number | null = 500) {
  const onSave = vi.fn();
  renderWithProviders(
    <DayEditor
      habit={habit}
      date="2025-06-03"
      today="2025-06-04"
      entry={value === null ? undefined : { date: "2025-06-03", status: null, value, note: "" }}
      onSave={onSave}
      onClose={() => {}}
    />,
  );
  return { onSave };
}

describe("DayEditor", () => {
  it("moves a day's value by the habit's step and saves it only with Save day", async () => {
    const { onSave } = renderEditor();
    const field = screen.getByLabelText("Value (ml)");
    expect(field).toHaveValue(500);

    await userEvent.click(screen.getByRole("button", { name: "Add 250 ml to this day" }));
    expect(field).toHaveValue(750);
    const less = screen.getByRole("button", { name: "Take 250 ml off this day" });
    for (let i = 0; i < 3; i++) await userEvent.click(less);
    // Never below zero: the last press stops at 0 and the button is then disabled.
    expect(field).toHaveValue(0);
    expect(less).toBeDisabled();
    expect(onSave).not.toHaveBeenCalled();

    await userEvent.click(screen.getByRole("button", { name: "Add 250 ml to this day" }));
    await userEvent.click(screen.getByRole("button", { name: "Save day" }));
    expect(onSave).toHaveBeenCalledWith({ note: "", status: null, value: 250 });
  });

  it("steps by one for a habit whose response has no step", async () => {
    // A copy saved offline before the API had steps: the type says step, the data has none.
    const withoutStep: Partial<typeof water> = { ...water };
    delete withoutStep.step;
    renderEditor(withoutStep as typeof water, null);
    await userEvent.click(screen.getByRole("button", { name: "Add 1 ml to this day" }));
    expect(screen.getByLabelText("Value (ml)")).toHaveValue(1);
  });
});
