import { Trans } from "@lingui/react/macro";
import { useCallback, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { FirstRun } from "@/features/habits/components/first-run";
import { DateSwitcher, FIRST_DAY } from "@/features/today/components/date-switcher";
import { TodayView } from "@/features/today/components/today-view";
import { addDays, capitalize, dayName, formatLongDate, isISODate, localToday } from "@/utils/dates";

/** The day `?date=` asks for, when it is a real day up to today; otherwise today. */
export function dayFromParam(param: string | null, today: string): string {
  return isISODate(param) && param >= FIRST_DAY && param <= today ? param : today;
}

export function TodayRoute() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = localToday(user.timezone, user.day_start_hour);
  const date = dayFromParam(params.get("date"), today);
  const title = capitalize(dayName(date, today));
  const longDate = formatLongDate(date, today);
  useDocumentTitle(title);
  const [focusList, setFocusList] = useState(false);
  const focused = useCallback(() => setFocusList(false), [setFocusList]);

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{title}</h1>
        <p className="muted">
          {date === today ? (
            longDate
          ) : date === addDays(today, -1) ? (
            <Trans>
              {longDate} · Filling in an earlier day · <Link to="/">Back to today</Link>
            </Trans>
          ) : (
            <Trans>
              Filling in an earlier day · <Link to="/">Back to today</Link>
            </Trans>
          )}
        </p>
      </div>
      <DateSwitcher
        selected={date}
        today={today}
        onSelect={(day) => setParams(day === today ? {} : { date: day })}
      />
      <TodayView
        key={date}
        date={date}
        today={today}
        weekStart={user.week_start}
        focusOnLoad={focusList}
        onFocused={focused}
        empty={<FirstRun today={today} onAdded={() => setFocusList(true)} />}
      />
    </div>
  );
}
