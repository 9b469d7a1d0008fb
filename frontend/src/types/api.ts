// Shapes of the JSON API (see the contract in docs/architecture.md).

export type User = {
  id: number;
  email: string;
  timezone: string;
  day_start_hour: number;
  /** 0 = Monday … 6 = Sunday */
  week_start: number;
};

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

export type Schedule =
  | { type: "daily" }
  | { type: "weekdays"; days: Weekday[] }
  | { type: "times_per_week"; times: number }
  | { type: "times_per_month"; times: number }
  | { type: "every_n_days"; n: number }
  | { type: "times_in_days"; times: number; days: number };

export type ScheduleType = Schedule["type"];

export type HabitKind = "boolean" | "measurable";
export type TargetType = "at_least" | "at_most";

export type Habit = {
  id: number;
  name: string;
  description: string;
  color: string;
  icon: string;
  kind: HabitKind;
  unit: string;
  target: number;
  target_type: TargetType;
  schedule: Schedule;
  start_date: string;
  position: number;
  archived: boolean;
  reminder_time: string | null;
  /**
   * How much one press of a measurable habit's + or − adds (250 for ml, say).
   * The API always sends it. A copy saved offline before the API had steps may
   * still lack it, so read it through lib/habit-step, which falls back to 1.
   */
  step: number;
  /** The group the habit belongs to (issue 15); absent from copies saved before groups. */
  group_id?: number | null;
};

export type HabitInput = Omit<Habit, "id" | "position" | "archived">;

export type EntryStatus = "done" | "skipped" | null;

export type Entry = {
  date: string;
  status: EntryStatus;
  value: number | null;
  note: string;
};

export type EntryInput = {
  status?: EntryStatus;
  value?: number | null;
  note?: string;
};

/** An "at most" habit's day against its limit; null for other habits and skipped days. */
export type DayLimit = "within" | "over" | null;

export type TodayItem = {
  habit: Habit;
  /** Due by the schedule alone; quota habits stay due until their period's quota is met. */
  due: boolean;
  /** The day counts as done, as the server decides it (see utils/entries for the rule). */
  done: boolean;
  /** The day is before the habit's start date: a check-in there moves the start back. */
  before_start: boolean;
  limit: DayLimit;
  entry: Entry | null;
  current_streak: number;
  best_streak: number;
  score: number;
  period_progress: { done: number; target: number };
  /** The last 7 local days ending with the day shown, oldest first (issue 15). */
  days?: TodayDay[];
  group_id?: number | null;
};

/** How one day of a habit reads in Today's week grid. */
export type DayStatus =
  "done" | "skipped" | "missed" | "not_due" | "before_start" | "empty" | "partial";

export type TodayDay = {
  date: string;
  status: DayStatus;
  value: number | null;
  due: boolean;
  /** The day's note, when the server sends it; a grid change keeps it. */
  note?: string;
};

export type Group = {
  id: number;
  name: string;
  color: string;
  icon: string;
  position: number;
  collapsed: boolean;
};

export type GroupInput = Pick<Group, "name" | "color" | "icon">;

/** A group as Today shows it: its combined score and the day's progress. */
export type TodayGroup = Group & { score: number; done_today: number; due_today: number };

export type TodayResponse = {
  date: string;
  items: TodayItem[];
  groups?: TodayGroup[];
};

export type GroupStats = {
  score: number;
  score_history: { date: string; score: number }[];
  current_streak: number;
  best_streak: number;
  today: { done: number; due: number };
};

export type OverviewHabit = {
  habit_id: number;
  name?: string;
  group_id?: number | null;
  /** What done and expected count (ADR 0015): days, check-ins against a quota, or an amount. */
  counts?: "days" | "times" | "amount";
  done: number;
  expected: number;
  /** done / expected, 0 to 1; null when nothing was expected. */
  completion: number | null;
  score_start: number;
  score_end: number;
  best_streak: number;
};

export type OverviewGroup = {
  group_id: number | null;
  name?: string;
  done: number;
  expected: number;
  completion: number | null;
  score_start?: number;
  score_end?: number;
};

export type OverviewResponse = {
  from?: string;
  to?: string;
  habits: OverviewHabit[];
  /** The share of due habits done each day, 0 to 1; null when nothing was due. */
  days: { date: string; share_done: number | null }[];
  groups: OverviewGroup[];
};

export type Streak = { start: string; end: string; length: number };

export type HabitStats = {
  current_streak: number;
  best_streak: number;
  streaks: Streak[];
  score: number;
  score_history: { date: string; score: number }[];
  completion: {
    last_7_days: number | null;
    last_30_days: number | null;
    last_365_days: number | null;
    all_time: number | null;
  };
  total_done: number;
  weekday_counts: number[];
  monthly: { month: string; done: number; due: number }[];
};

export type ImportResult = {
  habits_created: number;
  habits_updated: number;
  entries_created: number;
  entries_updated: number;
};

export type ReminderChannel = "push" | "email";

/** A reminder of a habit (issue 14): a local wall-clock time on some weekdays. */
export type Reminder = {
  id: number;
  habit_id: number;
  time: string;
  /** The days it may fire: its own, or the habit's due days when it follows the schedule. */
  weekdays: Weekday[];
  follows_habit_schedule: boolean;
  only_if_not_done: boolean;
  channels: ReminderChannel[];
  /** The next instant it fires (UTC); null while the habit is archived. */
  next_fire_at: string | null;
};

export type ReminderInput = {
  time: string;
  /** Left out (or null in a change): the days the habit is due, following its schedule. */
  weekdays?: Weekday[] | null;
  only_if_not_done: boolean;
  channels: ReminderChannel[];
};

/** A browser a person turned notifications on in. */
export type PushDevice = {
  id: number;
  endpoint: string;
  label: string;
  user_agent: string;
  created_at: string;
  last_success_at: string | null;
};

export type PushTestResult = {
  devices: number;
  delivered: number;
  removed: number;
  failed: number;
};
