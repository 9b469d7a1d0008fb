import { i18n } from "@lingui/core";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { makeHabit, renderWithProviders } from "@/testing/render";
import type { DayStatus, TodayDay } from "@/types/api";
import { addDays } from "@/utils/dates";
import { dayWords, progressLabel } from "./progress-label";
import { WeekCells } from "./week-cells";

// Wednesday 2 December 2026.
const DATE = "2026-12-02";

function week(statuses: DayStatus[]): TodayDay[] {
  return statuses.map((status, i) => ({
    date: addDays(DATE, i - 6),
    status,
    value: null,
    due: true,
    note: "",
  }));
}

async function speak(locale: "ar" | "de") {
  i18n.loadAndActivate({ locale, messages: await loadMessages(locale) });
  document.documentElement.dir = locale === "ar" ? "rtl" : "ltr";
}

describe("the week grid in Arabic", () => {
  afterEach(() => {
    document.documentElement.dir = "ltr";
  });

  it("keeps the days in time order, so that right to left the oldest is at the right and today at the left", async () => {
    await speak("ar");
    renderWithProviders(
      <WeekCells
        habit={makeHabit({ name: "قراءة" })}
        days={week(["done", "done", "missed", "skipped", "done", "missed", "empty"])}
        onDay={vi.fn()}
      />,
    );
    const row = screen.getByRole("group", { name: "قراءة، آخر 7 أيام" });
    const cells = within(row).getAllByRole("button");
    // A flex row under dir=rtl puts its first child at the right: the oldest day, then each
    // later day to its left, today last, at the left; no row-reverse is needed or wanted.
    expect(cells.map((c) => c.dataset.date)).toEqual(
      Array.from({ length: 7 }, (_, i) => addDays(DATE, i - 6)),
    );
    expect(getComputedStyle(row).flexDirection).not.toBe("row-reverse");
    expect(cells[2]).toHaveAccessibleName(/^قراءة، .+: فائت$/);
    expect(cells[6]).toHaveAttribute("tabindex", "0");
  });

  it("moves with the arrow keys the way the eye reads the row: left is later", async () => {
    await speak("ar");
    renderWithProviders(
      <WeekCells
        habit={makeHabit({ name: "Read" })}
        days={week(["done", "done", "done", "done", "done", "done", "empty"])}
        onDay={vi.fn()}
      />,
    );
    const cells = screen.getAllByRole("button");
    cells[6]!.focus();
    await userEvent.keyboard("{ArrowRight}");
    expect(document.activeElement).toBe(cells[5]);
    await userEvent.keyboard("{ArrowLeft}");
    expect(document.activeElement).toBe(cells[6]);
  });
});

describe("progress labels in other languages", () => {
  it("writes the period as a German plural and the Arabic dual", async () => {
    await speak("de");
    const schedule = { type: "times_in_days", times: 2, days: 3 } as const;
    expect(progressLabel(schedule, 1, 2)).toBe("1 von 2 in 3 Tagen");
    expect(progressLabel({ type: "every_n_days", n: 1 }, 0, 1)).toBe("0 von 1 in 1 Tag");
    expect(progressLabel({ type: "daily" }, 1.5, 2, { unit: "km" })).toBe("1,5 von 2 km heute");
    await speak("ar");
    expect(progressLabel({ type: "times_in_days", times: 1, days: 2 }, 0, 1)).toBe(
      "0 من 1 في يومين",
    );
    expect(progressLabel({ type: "times_in_days", times: 1, days: 11 }, 0, 1)).toBe(
      "0 من 1 في 11 يومًا",
    );
    const earlier = dayWords("2026-11-20", DATE, 0);
    expect(progressLabel({ type: "times_per_week", times: 3 }, 1, 3, { words: earlier })).toBe(
      "1 من 3 في ذلك الأسبوع",
    );
  });
});
