import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { DateSwitcher } from "./date-switcher";

describe("DateSwitcher", () => {
  it("offers the days of this week so far and marks the chosen one", async () => {
    const onSelect = vi.fn();
    render(
      <DateSwitcher
        days={["2025-06-02", "2025-06-03", "2025-06-04"]}
        selected="2025-06-04"
        today="2025-06-04"
        onSelect={onSelect}
      />,
    );
    const buttons = screen.getAllByRole("button");
    expect(buttons).toHaveLength(3);
    expect(screen.getByRole("button", { name: /Today/ })).toHaveAttribute("aria-current", "date");
    await userEvent.click(buttons[0]!);
    expect(onSelect).toHaveBeenCalledWith("2025-06-02");
  });

  it("hides itself on the first day of the week", () => {
    const { container } = render(
      <DateSwitcher
        days={["2025-06-02"]}
        selected="2025-06-02"
        today="2025-06-02"
        onSelect={() => {}}
      />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
