import type { Habit } from "@/types/api";

/** What one press of a measurable habit's + or − adds unless the habit says otherwise. */
export const DEFAULT_STEP = 1;

/**
 * How much one press of a measurable habit's + or − adds: the habit's own
 * `step`. A response cached before the API had steps carries none.
 */
export function habitStep(habit: Pick<Habit, "step">): number {
  const step = habit.step;
  return step != null && Number.isFinite(step) && step > 0 ? step : DEFAULT_STEP;
}
