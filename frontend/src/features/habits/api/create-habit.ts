import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Habit } from "@/types/api";

const weekday = z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]);
const positiveInt = (label: string) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(1, `${label} must be at least 1.`);

export const scheduleSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("daily") }),
  z.object({
    type: z.literal("weekdays"),
    days: z.array(weekday).min(1, "Pick at least one day."),
  }),
  z.object({
    type: z.literal("times_per_week"),
    times: positiveInt("Times").max(7, "At most 7 times a week."),
  }),
  z.object({
    type: z.literal("times_per_month"),
    times: positiveInt("Times").max(31, "At most 31 times a month."),
  }),
  z.object({ type: z.literal("every_n_days"), n: positiveInt("Days").max(365) }),
  z
    .object({
      type: z.literal("times_in_days"),
      times: positiveInt("Times"),
      days: positiveInt("Days").max(365),
    })
    .refine((s) => s.times <= s.days, { message: "Times can't exceed the number of days." }),
]);

const STEP_ERROR = "Step must be a number above zero.";
const MAX_STEP = 999_999_999;

export const habitInputSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, "Give the habit a name.")
      .max(100, "Keep the name under 100 characters."),
    description: z.string().max(1000),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, "Pick a colour."),
    icon: z.string().max(8, "Use a short icon, such as one emoji."),
    kind: z.enum(["boolean", "measurable"]),
    unit: z.string().max(30),
    target: z.number({ error: "Target must be a number." }).positive("Target must be above zero."),
    target_type: z.enum(["at_least", "at_most"]),
    // The API stores thousandths, up to 999,999,999.
    step: z
      .number({ error: STEP_ERROR })
      .positive(STEP_ERROR)
      .max(MAX_STEP, "Keep the step under a billion.")
      .refine((step) => Math.abs(Math.round(step * 1000) - step * 1000) < 1e-6, {
        message: "Use at most three decimals for the step.",
      }),
    schedule: scheduleSchema,
    // Reminders are saved through their own API (issue 14): the form never sends the older
    // reminder_time, whose null would remove the habit's earliest reminder.
    start_date: z.iso.date("Pick a start date."),
    // Sent only when the form offers groups (issue 15); null takes the habit out of its group.
    group_id: z.number().int().positive().nullable().optional(),
  })
  .refine((h) => h.kind === "boolean" || h.unit.trim() !== "", {
    message: "Give a unit, such as km or glasses.",
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
