// Shapes of the JSON API: short names for the schemas of the backend's OpenAPI document.
//
// Every type here comes from src/types/openapi.gen.ts, which `npm run gen:api` generates
// from `manage.py export_openapi` (make test fails when it is out of date). Do not write a
// shape by hand: change the backend's schema and regenerate. The few widenings below are for
// copies of answers saved offline by an older app, which may lack a field added since.

import type { components } from "./openapi.gen";

type Schemas = components["schemas"];

export type User = Schemas["UserOut"];

export type Schedule =
  | Schemas["DailySchedule"]
  | Schemas["WeekdaysSchedule"]
  | Schemas["TimesPerWeekSchedule"]
  | Schemas["TimesPerMonthSchedule"]
  | Schemas["EveryNDaysSchedule"]
  | Schemas["TimesInDaysSchedule"];

export type ScheduleType = Schedule["type"];
export type Weekday = Schemas["WeekdaysSchedule"]["days"][number];

export type HabitKind = NonNullable<Schemas["HabitIn"]["kind"]>;
export type TargetType = NonNullable<Schemas["HabitIn"]["target_type"]>;

/**
 * A habit as the API sends it. `step` is always sent; lib/habit-step still falls back to 1 for
 * copies saved offline before steps existed. `group_id` may be absent from copies saved
 * before groups (issue 15).
 */
export type Habit = Omit<Schemas["HabitOut"], "group_id"> & {
  group_id?: Schemas["HabitOut"]["group_id"];
};

/** What the habit form sends on create (POST /api/habits, HabitIn). */
export type HabitInput = Omit<Habit, "id" | "position" | "archived">;

export type Entry = Schemas["EntryOut"];
export type EntryStatus = Entry["status"];
export type EntryInput = Schemas["EntryIn"];

/** An "at most" habit's day against its limit; null for other habits and skipped days. */
export type DayLimit = Schemas["TodayItemOut"]["limit"];

/** How one day of a habit reads in Today's week grid. */
export type DayStatus = Schemas["GridDayOut"]["status"];

/**
 * A day of Today's week grid. `note` (null: nothing recorded that day) may be absent from
 * copies saved before the server sent it, and from days made up offline for a new day.
 */
export type TodayDay = Omit<Schemas["GridDayOut"], "note"> & { note?: string | null };

/** One habit on Today; `days` and `group_id` may be absent from copies saved before issue 15. */
export type TodayItem = Omit<Schemas["TodayItemOut"], "habit" | "days" | "group_id"> & {
  habit: Habit;
  days?: TodayDay[];
  group_id?: number | null;
};

export type Group = Schemas["GroupOut"];
export type GroupInput = Pick<Schemas["GroupIn"], "name"> &
  Required<Pick<Schemas["GroupIn"], "color" | "icon">>;

/** A group as Today shows it: its combined score and the day's progress. */
export type TodayGroup = Schemas["TodayGroupOut"];

/** Today's answer; `groups` may be absent from copies saved before groups. */
export type TodayResponse = Omit<Schemas["TodayOut"], "items" | "groups"> & {
  items: TodayItem[];
  groups?: TodayGroup[];
};

export type GroupStats = Schemas["GroupStatsOut"];

export type OverviewHabit = Schemas["OverviewHabitOut"];
export type OverviewGroup = Schemas["OverviewGroupOut"];
export type OverviewResponse = Schemas["OverviewOut"];

export type Streak = Schemas["StreakOut"];
export type HabitStats = Schemas["StatsOut"];

export type ImportResult = Schemas["ImportOut"];

export type ReminderChannel = Schemas["ReminderOut"]["channels"][number];

/** A reminder of a habit (issue 14): a local wall-clock time on some weekdays. */
export type Reminder = Schemas["ReminderOut"];

/** What the reminder form sends (ReminderIn); left-out weekdays follow the habit's schedule. */
export type ReminderInput = Schemas["ReminderIn"];

/** A browser a person turned notifications on in. */
export type PushDevice = Schemas["PushSubscriptionOut"];

export type PushTestResult = Schemas["PushTestOut"];

export type ApiToken = Schemas["TokenOut"];
export type ApiTokenCreated = Schemas["TokenCreatedOut"];
export type ApiTokenInput = Schemas["TokenIn"];

export type Webhook = Schemas["WebhookOut"];
export type WebhookCreated = Schemas["WebhookCreatedOut"];
export type WebhookDelivery = Schemas["DeliveryOut"];

/** The API's error bodies: `detail` is a sentence, or a list naming each invalid field. */
export type ErrorMessage = Schemas["Message"];
export type ValidationErrorBody = Schemas["ValidationError"];
