import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { renderWithProviders } from "@/testing/render";
import { DateSwitcher, switcherDays } from "./date-switcher";

describe("DateSwitcher", () => {
  it("offers the last seven days, marks the chosen one and names them", async () => {
    const onSelect = vi.fn();
    renderWithProviders(
      <DateSwitcher selected="2025-06-04" today="2025-06-04" onSelect={onSelect} />,
    );
    const nav = screen.getByRole("navigation", { name: "Choose a day" });
    const chips = nav.querySelectorAll(".day-chip");
    expect(chips).toHaveLength(7);
    expect(screen.getByRole("button", { name: "Today" })).toHaveAttribute("aria-current", "date");
    expect(screen.getByRole("button", { name: "Next day" })).toBeDisabled();
    await userEvent.click(screen.getByRole("button", { name: "Yesterday" }));
    expect(onSelect).toHaveBeenLastCalledWith("2025-06-03");
    await userEvent.click(screen.getByRole("button", { name: /Friday/ }));
    expect(onSelect).toHaveBeenLastCalledWith("2025-05-30");
    await userEvent.click(screen.getByRole("button", { name: "Previous day" }));
    expect(onSelect).toHaveBeenLastCalledWith("2025-06-03");
  });

  it("keeps an earlier day in the middle of its neighbours", () => {
    expect(switcherDays("2025-01-10", "2025-06-04")).toEqual([
      "2025-01-07",
      "2025-01-08",
      "2025-01-09",
      "2025-01-10",
      "2025-01-11",
      "2025-01-12",
      "2025-01-13",
    ]);
    expect(switcherDays("2025-06-03", "2025-06-04").at(-1)).toBe("2025-06-04");
  });

  it("opens any earlier day from the date picker, never a later one", () => {
    const onSelect = vi.fn();
    renderWithProviders(
      <DateSwitcher selected="2025-06-04" today="2025-06-04" onSelect={onSelect} />,
    );
    const picker = screen.getByLabelText("Go to a day");
    expect(picker).toHaveAttribute("max", "2025-06-04");
    fireEvent.change(picker, { target: { value: "2023-11-30" } });
    expect(onSelect).toHaveBeenLastCalledWith("2023-11-30");
    onSelect.mockClear();
    // A year being typed ("0002") and a day after today are not days to open.
    fireEvent.change(picker, { target: { value: "0002-11-30" } });
    expect(onSelect).not.toHaveBeenCalled();
  });
});
