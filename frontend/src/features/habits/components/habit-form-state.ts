import { DEFAULT_STEP, habitStep } from "@/lib/habit-step";
import type { Habit, Schedule } from "@/types/api";
import type { ScheduleState } from "./schedule-fields";

export type HabitFormState = {
  name: string;
  description: string;
  color: string;
  icon: string;
  kind: Habit["kind"];
  unit: string;
  target: string;
  target_type: Habit["target_type"];
  schedule: ScheduleState;
  start_date: string;
  /** What one press of a measurable habit's + or − adds on Today. */
  step: string;
  /** The group's id, or "" for none. */
  group: string;
};

export const COLORS = ["#2f7d5b", "#2b7bb9", "#8e5bd0", "#d9534f", "#e08a1e", "#c2417f", "#4f6d7a"];

export function initialFormState(habit: Habit | undefined, today: string): HabitFormState {
  const s = habit?.schedule;
  return {
    name: habit?.name ?? "",
    description: habit?.description ?? "",
    color: habit?.color ?? COLORS[0]!,
    icon: habit?.icon ?? "",
    kind: habit?.kind ?? "boolean",
    unit: habit?.unit ?? "",
    target: String(habit?.target ?? 1),
    target_type: habit?.target_type ?? "at_least",
    schedule: {
      type: s?.type ?? "daily",
      days: s?.type === "weekdays" ? s.days : ["mon", "wed", "fri"],
      times: String(s && "times" in s ? s.times : 3),
      n: String(s?.type === "every_n_days" ? s.n : 2),
      inDays: String(s?.type === "times_in_days" ? s.days : 7),
    },
    start_date: habit?.start_date ?? today,
    step: String(habit ? habitStep(habit) : DEFAULT_STEP),
    group: habit?.group_id != null ? String(habit.group_id) : "",
  };
}

function toNumber(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}

export function scheduleFromState(state: ScheduleState): Schedule {
  switch (state.type) {
    case "daily":
      return { type: "daily" };
    case "weekdays":
      return { type: "weekdays", days: state.days };
    case "times_per_week":
      return { type: "times_per_week", times: toNumber(state.times) };
    case "times_per_month":
      return { type: "times_per_month", times: toNumber(state.times) };
    case "every_n_days":
      return { type: "every_n_days", n: toNumber(state.n) };
    case "times_in_days":
      return { type: "times_in_days", times: toNumber(state.times), days: toNumber(state.inDays) };
  }
}

/** The habit's group for the API: a group's id, or null for none. */
export function groupIdFromState(state: Pick<HabitFormState, "group">): number | null {
  return state.group === "" ? null : Number(state.group);
}

/** The payload the API expects, before validation. */
export function formValues(state: HabitFormState) {
  const measurable = state.kind === "measurable";
  return {
    name: state.name.trim(),
    description: state.description.trim(),
    color: state.color,
    icon: state.icon.trim(),
    kind: state.kind,
    unit: measurable ? state.unit.trim() : "",
    target: measurable ? toNumber(state.target) : 1,
    target_type: measurable ? state.target_type : ("at_least" as const),
    step: measurable ? toNumber(state.step) : DEFAULT_STEP,
    schedule: scheduleFromState(state.schedule),
    start_date: state.start_date,
  };
}
