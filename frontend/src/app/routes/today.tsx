import { useSearchParams } from "react-router";
import { useCurrentUser } from "@/lib/auth";
import { useDocumentTitle } from "@/lib/use-document-title";
import { FirstRun } from "@/features/habits/components/first-run";
import { DateSwitcher } from "@/features/today/components/date-switcher";
import { TodayView } from "@/features/today/components/today-view";
import { daysOfWeekSoFar, formatLongDate, localToday } from "@/utils/dates";

export function TodayRoute() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const today = localToday(user.timezone, user.day_start_hour);
  const days = daysOfWeekSoFar(today, user.week_start);
  const requested = params.get("date");
  const date = requested && days.includes(requested) ? requested : today;
  useDocumentTitle("Today");

  return (
    <div className="stack">
      <div className="page-head">
        <h1>{date === today ? "Today" : formatLongDate(date)}</h1>
        <p className="muted">
          {date === today ? formatLongDate(date) : "Filling in an earlier day"}
        </p>
      </div>
      <DateSwitcher
        days={days}
        selected={date}
        today={today}
        onSelect={(day) => setParams(day === today ? {} : { date: day })}
      />
      <TodayView key={date} date={date} empty={<FirstRun today={today} />} />
    </div>
  );
}
