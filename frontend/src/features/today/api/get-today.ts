import { useQuery } from "@tanstack/react-query";
import { ApiError, client, dataOf } from "@/lib/api-client";
import { noteTodayFrom } from "@/lib/connection";
import { queuedChanges } from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";
import { savedTodayBefore } from "@/lib/saved-copies";
import type { TodayResponse } from "@/types/api";
import { dayLimit, hasPeriodTarget, isEntryDone } from "@/utils/entries";
import { shiftDays } from "../components/day-cells";
import { withPendingChanges } from "./set-entry";

/**
 * An earlier day's list as a new day starts: nothing entered yet, every habit due as it was.
 * Streaks, scores and whether a weekly quota is already met are the server's to work out; they
 * are carried over until the app is back online.
 */
export function asNewDay(earlier: TodayResponse, date: string): TodayResponse {
  const sameDayCounts = (target: number) => ({ done: 0, target });
  return {
    date,
    items: earlier.items.map((item) => ({
      ...item,
      entry: null,
      done: isEntryDone(item.habit, null),
      before_start: false,
      limit: dayLimit(item.habit, null),
      period_progress: hasPeriodTarget(item.habit.schedule)
        ? item.period_progress
        : sameDayCounts(item.period_progress.target),
      days: item.days ? shiftDays(item.days, date, item.due) : undefined,
    })),
  };
}

async function fetchToday(date: string): Promise<TodayResponse> {
  try {
    const today = await dataOf(client.GET("/api/today", { params: { query: { date } } }));
    noteTodayFrom(null);
    return today;
  } catch (error) {
    // Offline on a day the app never saw (the first check of the morning): start the day from
    // the newest list it has rather than show nothing.
    if (!(error instanceof ApiError && error.status === 0)) throw error;
    const earlier = await savedTodayBefore(date).catch(() => null);
    if (!earlier) throw error;
    noteTodayFrom(earlier.date);
    return asNewDay(earlier, date);
  }
}

/**
 * The day as the server (or, offline, the service worker's last copy) has it, with the
 * check-ins that still wait to be sent on top, so that a reload offline shows them.
 */
export async function getToday(date: string): Promise<TodayResponse> {
  const [today, changes] = await Promise.all([fetchToday(date), queuedChanges().catch(() => [])]);
  return withPendingChanges(today, date, changes);
}

export function useToday(date: string) {
  return useQuery({ queryKey: queryKeys.today(date), queryFn: () => getToday(date) });
}
