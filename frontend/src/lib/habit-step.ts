import type { Habit } from "@/types/api";

// How much a measurable habit's + and − buttons add. The API has no field for
// it yet, so the step is kept on this device, per habit; a `step` the API
// sends is the default where nothing is stored here.

export const DEFAULT_STEP = 1;

const key = (habitId: number) => `habit-step:${habitId}`;

function validStep(value: unknown): number | null {
  const number = Number(value);
  return value !== null && value !== "" && Number.isFinite(number) && number > 0 ? number : null;
}

export function habitStep(habit: Pick<Habit, "id" | "step">): number {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(key(habit.id));
  } catch {
    // Storage may be refused (private mode): the default applies.
  }
  return validStep(stored) ?? validStep(habit.step) ?? DEFAULT_STEP;
}

export function saveHabitStep(habitId: number, step: number): void {
  try {
    if (step === DEFAULT_STEP) localStorage.removeItem(key(habitId));
    else localStorage.setItem(key(habitId), String(step));
  } catch {
    // Not kept: the buttons fall back to the default step.
  }
}
