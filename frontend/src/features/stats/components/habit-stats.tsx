import { Trans, useLingui } from "@lingui/react/macro";
import { useId, useState } from "react";
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
  const { t } = useLingui();
  const from = heatmapStart(today, weekStart);
  const stats = useHabitStats(habit.id);
  const entries = useEntries(habit.id, from, today);
  const toast = useToast();
  const setDay = useSetDayEntry(habit, from, today, {
    onError: (error) => {
      const reason = errorMessage(error);
      toast.show(t`Not saved: ${reason}`, "error");
    },
  });
  const [selected, setSelected] = useState<string | null>(null);
  // Two gestures, never confused: clicking a day opens it, and only in
  // "change" mode (yes/no habits) does a click change its status.
  const [marking, setMarking] = useState(false);
  const editorId = useId();
  const canMark = habit.kind === "boolean";

  const entryFor = (date: string) => entries.data?.find((e) => e.date === date);

  const save = (date: string, input: EntryInput | null) =>
    setDay.mutate({ date, previous: entryFor(date) ?? null, input });

  const activate = (date: string) => {
    if (marking && canMark) save(date, { status: nextStatus(entryFor(date)?.status) });
    else setSelected(date);
  };

  const closeEditor = () => {
    const cell = selected
      ? document.querySelector<HTMLButtonElement>(`[data-date="${selected}"]`)
      : null;
    setSelected(null);
    cell?.focus();
  };

  return (
    <div className="stats-grid">
      <section className="card stack span-2" aria-labelledby="calendar-heading">
        <div className="section-head wrap">
          <h2 id="calendar-heading">
            <Trans>Calendar</Trans>
          </h2>
          {canMark ? (
            <div className="segmented" role="group" aria-label={t`Clicking a day`}>
              <button type="button" aria-pressed={!marking} onClick={() => setMarking(false)}>
                <Trans>Opens it</Trans>
              </button>
              <button
                type="button"
                aria-pressed={marking}
                onClick={() => {
                  setMarking(true);
                  setSelected(null);
                }}
              >
                <Trans>Changes its status</Trans>
              </button>
            </div>
          ) : null}
        </div>
        <p className="muted small">
          {marking && canMark ? (
            <Trans>Each click on a day, or Enter, changes it: done, skipped, empty.</Trans>
          ) : (
            <Trans>
              Click a day, or press Enter on it, to open it: its status, value and note. Nothing
              changes until you save.
            </Trans>
          )}
        </p>
        {entries.isPending ? (
          <Skeleton lines={3} label={t`Loading calendar`} />
        ) : entries.isError ? (
          <Alert>{errorMessage(entries.error)}</Alert>
        ) : (
          <Heatmap
            habit={habit}
            entries={entries.data}
            today={today}
            weekStart={weekStart}
            selected={marking ? null : selected}
            editorId={editorId}
            marking={marking && canMark}
            onActivate={activate}
          />
        )}
        {selected && !marking ? (
          <DayEditor
            key={selected}
            id={editorId}
            habit={habit}
            date={selected}
            today={today}
            entry={entryFor(selected)}
            onSave={(input) => save(selected, input)}
            onClose={closeEditor}
          />
        ) : null}
      </section>

      {stats.isPending ? (
        <section className="card span-2">
          <Skeleton lines={6} label={t`Loading statistics`} />
        </section>
      ) : stats.isError ? (
        <section className="card span-2">
          <Alert>{errorMessage(stats.error)}</Alert>
        </section>
      ) : (
        <>
          <section className="card stack span-2" aria-labelledby="overview-heading">
            <div className="section-head">
              <h2 id="overview-heading">
                <Trans>Overview</Trans>
              </h2>
              <ScoreRing score={stats.data.score} color={habit.color} size={56} />
            </div>
            <CompletionRates stats={stats.data} />
          </section>
          <section className="card stack span-2" aria-labelledby="score-heading">
            <h2 id="score-heading">
              <Trans>Score</Trans>
            </h2>
            <ScoreChart history={stats.data.score_history} color={habit.color} today={today} />
          </section>
          <section className="card stack" aria-labelledby="streaks-heading">
            <h2 id="streaks-heading">
              <Trans>Longest streaks</Trans>
            </h2>
            <StreaksChart streaks={stats.data.streaks} color={habit.color} today={today} />
          </section>
          <section className="card stack" aria-labelledby="weekday-heading">
            <h2 id="weekday-heading">
              <Trans>By weekday</Trans>
            </h2>
            <WeekdayChart
              counts={stats.data.weekday_counts}
              weekStart={weekStart}
              color={habit.color}
            />
          </section>
          <section className="card stack span-2" aria-labelledby="monthly-heading">
            <h2 id="monthly-heading">
              <Trans>Done and due per month</Trans>
            </h2>
            <MonthlyChart months={stats.data.monthly} color={habit.color} today={today} />
          </section>
        </>
      )}

      <section className="card stack span-2" aria-labelledby="notes-heading">
        <h2 id="notes-heading">
          <Trans>Notes</Trans>
        </h2>
        <NotesList entries={entries.data ?? []} today={today} />
      </section>
    </div>
  );
}
