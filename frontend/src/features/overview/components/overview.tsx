import { useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import type { Group, Habit, OverviewGroup, OverviewHabit, OverviewResponse } from "@/types/api";
import { useGroupNames, useHabitNames, useOverview } from "../api/get-overview";
import { DayShareBars, DayShareHeatmap, HeatLegend } from "./day-share-chart";
import { rangeFor, type Preset } from "./ranges";
import "./overview.css";

const PRESETS: { value: Preset; label: string }[] = [
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
  { value: "year", label: "Year" },
];

function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : `${Math.round(value * 100)}%`;
}

function amount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, "");
}

/** "17 / 31": times done against times expected in the range; an amount carries its unit. */
export function doneOf(row: { done: number; expected: number }, unit = ""): string {
  return `${amount(row.done)} / ${amount(row.expected)}${unit ? ` ${unit}` : ""}`;
}

export function Overview({ today, weekStart }: { today: string; weekStart: number }) {
  const [preset, setPreset] = useState<Preset>("month");
  const [offset, setOffset] = useState(0);
  const range = rangeFor(preset, today, weekStart, offset);
  const overview = useOverview(range.from, range.to);
  const habits = useHabitNames();
  const groups = useGroupNames();
  const unit = preset === "week" ? "week" : preset === "month" ? "month" : "year";

  return (
    <div className="stack">
      <div className="overview-controls">
        <div className="segmented" role="group" aria-label="Period">
          {PRESETS.map((p) => (
            <button
              key={p.value}
              type="button"
              aria-pressed={preset === p.value}
              onClick={() => {
                setPreset(p.value);
                setOffset(0);
              }}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className="overview-step">
          <button
            type="button"
            className="btn-icon"
            aria-label={`Previous ${unit}`}
            onClick={() => setOffset(offset - 1)}
          >
            ‹
          </button>
          <h2 className="overview-period" aria-live="polite">
            {range.label}
          </h2>
          <button
            type="button"
            className="btn-icon"
            aria-label={`Next ${unit}`}
            disabled={offset >= 0}
            onClick={() => setOffset(offset + 1)}
          >
            ›
          </button>
        </div>
      </div>
      {overview.isPending ? (
        <Skeleton lines={6} label="Loading the overview" />
      ) : overview.isError ? (
        <Alert>{errorMessage(overview.error)}</Alert>
      ) : (
        <OverviewBody
          data={overview.data}
          habits={habits}
          groups={groups ?? []}
          preset={preset}
          from={range.from}
          end={range.end}
          weekStart={weekStart}
        />
      )}
    </div>
  );
}

function OverviewBody({
  data,
  habits,
  groups,
  preset,
  from,
  end,
  weekStart,
}: {
  data: OverviewResponse;
  habits: Habit[];
  groups: Group[];
  preset: Preset;
  from: string;
  end: string;
  weekStart: number;
}) {
  const habitById = new Map(habits.map((h) => [h.id, h]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  // Days and check-ins add up; amounts (glasses, km) do not, as in the group totals.
  const counted = data.habits.filter((h) => h.counts !== "amount");
  const totalDone = counted.reduce((sum, h) => sum + h.done, 0);
  const totalExpected = counted.reduce((sum, h) => sum + h.expected, 0);
  // The API sends ids only (OverviewHabitOut, OverviewGroupOut): names come from the lists.
  const nameOf = (row: OverviewHabit) =>
    habitById.get(row.habit_id)?.name ?? `Habit ${row.habit_id}`;
  const groupName = (row: OverviewGroup) =>
    row.group_id === null ? "Ungrouped" : (groupById.get(row.group_id)?.name ?? "Group");

  return (
    <>
      <section className="card stack" aria-labelledby="share-heading">
        <div className="section-head wrap">
          <h2 id="share-heading">Each day</h2>
          <span className="muted">
            {totalExpected > 0
              ? `${amount(totalDone)} of ${amount(totalExpected)} expected check-ins done (${pct(
                  Math.min(1, totalDone / totalExpected),
                )})`
              : "Nothing was expected in this period."}
          </span>
        </div>
        {preset === "year" ? (
          <>
            <DayShareHeatmap days={data.days} from={from} end={end} weekStart={weekStart} />
            <HeatLegend />
          </>
        ) : (
          <DayShareBars days={data.days} end={end} />
        )}
      </section>
      {data.groups.length > 0 ? (
        <section className="card stack" aria-labelledby="group-totals-heading">
          <h2 id="group-totals-heading">Groups</h2>
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label="Groups, scrolls sideways"
          >
            <table className="overview-table">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Done</th>
                  <th scope="col">Completion</th>
                </tr>
              </thead>
              <tbody>
                {data.groups.map((row) => (
                  <tr key={row.group_id ?? "none"}>
                    <th scope="row">
                      {row.group_id === null ? (
                        groupName(row)
                      ) : (
                        <Link to={`/groups/${row.group_id}`}>{groupName(row)}</Link>
                      )}
                    </th>
                    <td>{doneOf(row)}</td>
                    <td>{pct(row.completion)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card stack" aria-labelledby="habit-totals-heading">
        <h2 id="habit-totals-heading">Habits</h2>
        {data.habits.length === 0 ? (
          <p className="empty-note">No habit was active in this period.</p>
        ) : (
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label="Habits, scrolls sideways"
          >
            <table className="overview-table">
              <thead>
                <tr>
                  <th scope="col">Habit</th>
                  <th scope="col">Done</th>
                  <th scope="col">Completion</th>
                  <th scope="col">Score</th>
                  <th scope="col">Best streak</th>
                </tr>
              </thead>
              <tbody>
                {data.habits.map((row) => (
                  <tr key={row.habit_id} data-testid={`overview-habit-${row.habit_id}`}>
                    <th scope="row">
                      <Link to={`/habits/${row.habit_id}`}>{nameOf(row)}</Link>
                    </th>
                    <td>
                      {doneOf(
                        row,
                        row.counts === "amount" ? (habitById.get(row.habit_id)?.unit ?? "") : "",
                      )}
                    </td>
                    <td>
                      <span className="completion">
                        <span className="completion-bar" aria-hidden="true">
                          <span style={{ width: pct(row.completion ?? 0) }} />
                        </span>
                        {pct(row.completion)}
                      </span>
                    </td>
                    <td>
                      {pct(row.score_start)} → {pct(row.score_end)}
                    </td>
                    <td>
                      {row.best_streak} {row.best_streak === 1 ? "day" : "days"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
