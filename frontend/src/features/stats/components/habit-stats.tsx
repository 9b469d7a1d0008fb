import { useState } from "react";
import { Alert } from "@/components/alert";
import { ScoreRing } from "@/components/score-ring";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useToast } from "@/lib/toast";
import type { EntryInput, Habit } from "@/types/api";
import { useEntries } from "../api/get-entries";
import { useHabitStats } from "../api/get-habit-stats";
import { nextStatus, useSetDayEntry } from "../api/set-day-entry";
import { CompletionRates } from "./completion-rates";
import { DayEditor } from "./day-editor";
import { Heatmap, heatmapStart } from "./heatmap";
import { MonthlyChart } from "./monthly-chart";
import { NotesList } from "./notes-list";
import { ScoreChart } from "./score-chart";
import { StreaksChart } from "./streaks-chart";
import { WeekdayChart } from "./weekday-chart";

type HabitStatsProps = { habit: Habit; today: string; weekStart: number };

export function HabitStatsView({ habit, today, weekStart }: HabitStatsProps) {
  const from = heatmapStart(today, weekStart);
  const stats = useHabitStats(habit.id);
  const entries = useEntries(habit.id, from, today);
  const toast = useToast();
  const setDay = useSetDayEntry(habit, from, today, {
    onError: (error) => toast.show(`Not saved: ${errorMessage(error)}`, "error"),
  });
  const [selected, setSelected] = useState<string | null>(null);

  const entryFor = (date: string) => entries.data?.find((e) => e.date === date);

  const save = (date: string, input: EntryInput | null) =>
    setDay.mutate({ date, previous: entryFor(date) ?? null, input });

  const activate = (date: string) => {
    setSelected(date);
    if (habit.kind === "boolean") save(date, { status: nextStatus(entryFor(date)?.status) });
  };

  return (
    <div className="stats-grid">
      <section className="card stack span-2" aria-labelledby="calendar-heading">
        <h2 id="calendar-heading">Calendar</h2>
        <p className="muted small">
          {habit.kind === "boolean"
            ? "Click a day to cycle it through done, skipped and empty; edit its note below."
            : "Click a day to edit its value and note."}
        </p>
        {entries.isPending ? (
          <Skeleton lines={3} label="Loading calendar" />
        ) : entries.isError ? (
          <Alert>{errorMessage(entries.error)}</Alert>
        ) : (
          <Heatmap
            habit={habit}
            entries={entries.data}
            today={today}
            weekStart={weekStart}
            selected={selected}
            onActivate={activate}
          />
        )}
        {selected ? (
          <DayEditor
            key={`${selected}-${entryFor(selected)?.status ?? ""}-${entryFor(selected)?.value ?? ""}`}
            habit={habit}
            date={selected}
            entry={entryFor(selected)}
            onSave={(input) => save(selected, input)}
            onClose={() => setSelected(null)}
          />
        ) : null}
      </section>

      {stats.isPending ? (
        <section className="card span-2">
          <Skeleton lines={6} label="Loading statistics" />
        </section>
      ) : stats.isError ? (
        <section className="card span-2">
          <Alert>{errorMessage(stats.error)}</Alert>
        </section>
      ) : (
        <>
          <section className="card stack span-2" aria-labelledby="overview-heading">
            <div className="section-head">
              <h2 id="overview-heading">Overview</h2>
              <ScoreRing score={stats.data.score} color={habit.color} size={56} />
            </div>
            <CompletionRates stats={stats.data} />
          </section>
          <section className="card stack span-2" aria-labelledby="score-heading">
            <h2 id="score-heading">Score</h2>
            <ScoreChart history={stats.data.score_history} color={habit.color} />
          </section>
          <section className="card stack" aria-labelledby="streaks-heading">
            <h2 id="streaks-heading">Longest streaks</h2>
            <StreaksChart streaks={stats.data.streaks} color={habit.color} />
          </section>
          <section className="card stack" aria-labelledby="weekday-heading">
            <h2 id="weekday-heading">By weekday</h2>
            <WeekdayChart
              counts={stats.data.weekday_counts}
              weekStart={weekStart}
              color={habit.color}
            />
          </section>
          <section className="card stack span-2" aria-labelledby="monthly-heading">
            <h2 id="monthly-heading">Done and due per month</h2>
            <MonthlyChart months={stats.data.monthly} color={habit.color} />
          </section>
        </>
      )}

      <section className="card stack span-2" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Notes</h2>
        <NotesList entries={entries.data ?? []} />
      </section>
    </div>
  );
}
