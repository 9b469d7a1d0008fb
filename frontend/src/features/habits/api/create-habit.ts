import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

const weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);

// Messages are functions, so each is translated into the language active when the form is checked.
const says = (message: () => string) => ({ error: message });

const positiveInt = (what: "times" | "days") =>
  z
    .number(says(() => (what === "times" ? t`Times must be a number.` : t`Days must be a number.`)))
    .int(
      says(() =>
        what === "times" ? t`Times must be a whole number.` : t`Days must be a whole number.`,
      ),
    )
    .min(
      1,
      says(() => (what === "times" ? t`Times must be at least 1.` : t`Days must be at least 1.`)),
    );

const maxDays = says(() => t`At most 365 days.`);

export const scheduleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("daily") }),
  z.object({
    type: z.literal("weekdays"),
    days: z.array(weekday).min(
      1,
      says(() => t`Pick at least one day.`),
    ),
  }),
  z.object({
    type: z.literal("times_per_week"),
    times: positiveInt("times").max(
      7,
      says(() => t`At most 7 times a week.`),
    ),
  }),
  z.object({
    type: z.literal("times_per_month"),
    times: positiveInt("times").max(
      31,
      says(() => t`At most 31 times a month.`),
    ),
  }),
  z.object({ type: z.literal("every_n_days"), n: positiveInt("days").max(365, maxDays) }),
  z
    .object({
      type: z.literal("times_in_days"),
      times: positiveInt("times"),
      days: positiveInt("days").max(365, maxDays),
    })
    .refine(
      (s) => s.times <= s.days,
      says(() => t`Times can't exceed the number of days.`),
    ),
]);

const stepError = says(() => t`Step must be a number above zero.`);
const MAX_STEP = 999_999_999;

export const habitInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(
        1,
        says(() => t`Give the habit a name.`),
      )
      .max(
        100,
        says(() => t`Keep the name under 100 characters.`),
      ),
    description: z.string().max(
      1000,
      says(() => t`Keep the description under 1,000 characters.`),
    ),
    color: z.string().regex(
      /^#[0-9a-fA-F]{6}$/,
      says(() => t`Pick a colour.`),
    ),
    icon: z.string().max(
      8,
      says(() => t`Use a short icon, such as one emoji.`),
    ),
    kind: z.enum(["boolean", "measurable"]),
    unit: z.string().max(
      30,
      says(() => t`Keep the unit under 30 characters.`),
    ),
    target: z
      .number(says(() => t`Target must be a number.`))
      .positive(says(() => t`Target must be above zero.`)),
    target_type: z.enum(["at_least", "at_most"]),
    // The API stores thousandths, up to 999,999,999.
    step: z
      .number(stepError)
      .positive(stepError)
      .max(
        MAX_STEP,
        says(() => t`Keep the step under a billion.`),
      )
      .refine(
        (step) => Math.abs(Math.round(step * 1000) - step * 1000) < 1e-6,
        says(() => t`Use at most three decimals for the step.`),
      ),
    schedule: scheduleSchema,
    // Reminders are saved through their own API (issue 14): the form never sends the older
    // reminder_time, whose null would remove the habit's earliest reminder.
    start_date: z.iso.date(says(() => t`Pick a start date.`)),
    // Sent only when the form offers groups (issue 15); null takes the habit out of its group.
    group_id: z.number().int().positive().nullable().optional(),
  })
  .refine((h) => h.kind === "boolean" || h.unit.trim() !== "", {
    ...says(() => t`Give a unit, such as km or glasses.`),
    path: ["unit"],
  });

export type HabitFormValues = z.infer<typeof habitInputSchema>;

export function createHabit(input: HabitFormValues): Promise<Habit> {
  return dataOf(client.POST("/api/habits", { body: input }));
}

export function useCreateHabit() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createHabit,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
