import { t } from "@lingui/core/macro";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { HabitInput } from "@/types/api";

// This module is part of the Today screen's first run, so it deliberately
// does not import create-habit.ts (and zod with it) to keep that bundle small.
// Examples never come with a reminder: nobody asked for one.
export type ExampleHabit = Omit<HabitInput, "start_date">;

/**
 * The examples offered on first run, in the active language: the habits they create keep these
 * names and descriptions, so they read in the person's language. Called at render time, never at
 * module load, so the language is the one active then.
 */
export function exampleHabits(): ExampleHabit[] {
  return [
    {
      name: t`Drink water`,
      description: t`Eight glasses through the day.`,
      color: "#2b7bb9",
      icon: "💧",
      kind: "measurable",
      unit: t`glasses`,
      target: 8,
      target_type: "at_least",
      step: 1,
      schedule: { type: "daily" },
      reminder_time: null,
    },
    {
      name: t`Read`,
      description: t`A few pages before bed.`,
      color: "#8e5bd0",
      icon: "📚",
      kind: "boolean",
      unit: "",
      target: 1,
      target_type: "at_least",
      step: 1,
      schedule: { type: "daily" },
      reminder_time: null,
    },
    {
      name: t`Exercise`,
      description: t`Any workout counts.`,
      color: "#d9534f",
      icon: "🏃",
      kind: "boolean",
      unit: "",
      target: 1,
      target_type: "at_least",
      step: 1,
      schedule: { type: "times_per_week", times: 3 },
      reminder_time: null,
    },
    {
      name: t`Meditate`,
      description: t`Ten quiet minutes.`,
      color: "#2f7d5b",
      icon: "🧘",
      kind: "boolean",
      unit: "",
      target: 1,
      target_type: "at_least",
      step: 1,
      schedule: { type: "weekdays", days: ["mon", "tue", "wed", "thu", "fri"] },
      reminder_time: null,
    },
  ];
}

export async function createExampleHabits(examples: ExampleHabit[], startDate: string) {
  // Sequential so that the habits keep the order in which they are listed.
  for (const example of examples) {
    await dataOf(client.POST("/api/habits", { body: { ...example, start_date: startDate } }));
  }
}

export function useCreateExampleHabits() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ examples, startDate }: { examples: ExampleHabit[]; startDate: string }) =>
      createExampleHabits(examples, startDate),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
    },
  });
}
