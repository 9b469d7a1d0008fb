import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { makeHabit, renderWithProviders } from "@/testing/render";
import { Heatmap, heatmapStart, monthStarts } from "./heatmap";

const habit = makeHabit({ start_date: "2025-05-01" });

describe("Heatmap", () => {
  it("starts on the first day of the week a year ago", () => {
    expect(heatmapStart("2025-06-04", 0)).toBe("2024-06-03");
  });

  it("writes the year in full on the months of last year only", () => {
    const start = heatmapStart("2025-06-04", 0);
    const labels = monthStarts(start, 367, "2025-06-04").map((m) => m.label);
    const month = (iso: string, year: boolean) =>
      new Intl.DateTimeFormat(undefined, {
        month: "short",
        timeZone: "UTC",
        ...(year ? { year: "numeric" } : {}),
      }).format(new Date(`${iso}T00:00:00Z`));
    const january = labels.indexOf(month("2025-01-01", false));
    expect(january).toBeGreaterThan(0);
    expect(labels.slice(0, january)).toContain(month("2024-07-01", true));
    expect(labels.slice(0, january).every((label) => label.includes("2024"))).toBe(true);
    expect(labels.slice(january)).toContain(month("2025-06-01", false));
    expect(labels.slice(january).some((label) => /\d{4}/.test(label))).toBe(false);
  });

  it("puts a labelled year on the calendar it draws", () => {
    renderWithProviders(
      <Heatmap
        habit={habit}
        entries={[]}
        today="2025-06-04"
        weekStart={0}
        selected={null}
        onActivate={() => {}}
      />,
    );
    const months = document.querySelector(".heatmap-months")!;
    expect(months.textContent).toContain("2024");
    expect(months.textContent).not.toContain("2025");
  });

  it("labels days with their entry and days before the start, which stay open", () => {
    renderWithProviders(
      <Heatmap
        habit={habit}
        entries={[
          { date: "2025-06-02", status: "done", value: null, note: "" },
          { date: "2025-06-03", status: "skipped", value: null, note: "Rain" },
        ]}
        today="2025-06-04"
        weekStart={0}
        selected={null}
        onActivate={() => {}}
      />,
    );
    expect(
      screen.getByRole("button", { name: /2 Jun 2025: done|Jun 2, 2025: done/ }),
    ).toBeInTheDocument();
    expect(screen.getByRole("button", { name: /skipped, has a note/ })).toBeInTheDocument();
    const before = document.querySelector<HTMLButtonElement>('[data-date="2025-04-30"]');
    // Filling in a day before the start moves the start back, so it can be opened.
    expect(before).toBeEnabled();
    expect(before).toHaveAccessibleName(/before the habit started/);
  });

  it("shows an at-most day over its limit in words and nothing logged as within it", () => {
    renderWithProviders(
      <Heatmap
        habit={makeHabit({
          kind: "measurable",
          unit: "cups",
          target: 2,
          target_type: "at_most",
          start_date: "2025-05-01",
        })}
        entries={[{ date: "2025-06-02", status: null, value: 3, note: "" }]}
        today="2025-06-04"
        weekStart={0}
        selected={null}
        onActivate={() => {}}
      />,
    );
    const over = document.querySelector('[data-date="2025-06-02"]')!;
    expect(over).toHaveAccessibleName(/over the limit, 3 cups/);
    expect(over).toHaveClass("heat-over");
    const empty = document.querySelector('[data-date="2025-06-03"]')!;
    expect(empty).toHaveAccessibleName(/done, within the limit/);
    expect(empty).toHaveClass("heat-done");
    expect(document.querySelector('[data-date="2025-04-30"]')).toHaveAccessibleName(
      /before the habit started$/,
    );
  });

  it("moves focus with arrow keys and activates a day with Enter", async () => {
    const onActivate = vi.fn();
    renderWithProviders(
      <Heatmap
        habit={habit}
        entries={[]}
        today="2025-06-04"
        weekStart={0}
        selected={null}
        onActivate={onActivate}
      />,
    );
    const todayCell = document.querySelector<HTMLButtonElement>('[data-date="2025-06-04"]')!;
    expect(todayCell).toHaveAttribute("tabindex", "0");
    todayCell.focus();
    await userEvent.keyboard("{ArrowLeft}");
    expect(document.activeElement).toBe(document.querySelector('[data-date="2025-05-28"]'));
    await userEvent.keyboard("{ArrowDown}{Enter}");
    expect(onActivate).toHaveBeenCalledWith("2025-05-29");
  });
});
