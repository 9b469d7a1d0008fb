import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/testing/render";
import type { Reminder } from "@/types/api";
import { describeReminder, ReminderSummary } from "./reminder-summary";

const base: Reminder = {
  id: 1,
  habit_id: 2,
  time: "07:00",
  weekdays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  follows_habit_schedule: true,
  only_if_not_done: true,
  channels: ["push"],
  next_fire_at: null,
};

describe("a habit's reminders on its page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads as times, with days only when not every day and the channel when not only push", () => {
    expect(describeReminder(base, 0)).toBe("07:00");
    const weekend = { ...base, weekdays: ["sun", "sat"] as Reminder["weekdays"] };
    expect(describeReminder(weekend, 0)).toBe("07:00 (Sat and Sun)");
    // A week starting on Sunday puts Sunday first.
    expect(describeReminder(weekend, 6)).toBe("07:00 (Sun and Sat)");
    expect(describeReminder({ ...base, channels: ["email"] }, 0)).toBe("07:00 by e-mail");
    expect(describeReminder({ ...base, channels: ["push", "email"] }, 0)).toBe(
      "07:00 by notification and e-mail",
    );
  });

  it("lists every reminder, and nothing for a habit without one", async () => {
    const { calls } = mockApi({
      "GET /api/habits/2/reminders": () => ({
        status: 200,
        body: [base, { ...base, id: 2, time: "21:30", channels: ["email"] }],
      }),
      "GET /api/habits/3/reminders": () => ({ status: 200, body: [] }),
    });
    renderWithProviders(
      <>
        <ReminderSummary habitId={3} weekStart={0} />
        <ReminderSummary habitId={2} weekStart={0} />
      </>,
    );
    expect(await screen.findByText("Reminders: 07:00 and 21:30 by e-mail")).toBeInTheDocument();
    // Habit 3 was asked too, and adds no line of its own.
    expect(calls.map((c) => c.url)).toContain("/api/habits/3/reminders");
    expect(screen.getAllByText(/^Reminders?:/)).toHaveLength(1);
  });
});
