import type { MessageDescriptor } from "@lingui/core";
import { msg } from "@lingui/core/macro";
import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useState } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { formatNumber, formatPercent } from "@/lib/i18n";
import type { Group, Habit, OverviewGroup, OverviewHabit, OverviewResponse } from "@/types/api";
import { useGroupNames, useHabitNames, useOverview } from "../api/get-overview";
import { DayShareBars, DayShareHeatmap, HeatLegend } from "./day-share-chart";
import { rangeFor, type Preset } from "./ranges";
import "./overview.css";

const PRESETS: { value: Preset; label: MessageDescriptor }[] = [
  { value: "week", label: msg`Week` },
  { value: "month", label: msg`Month` },
  { value: "year", label: msg`Year` },
];

function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? "–" : formatPercent(value);
}

function amount(value: number): string {
  return formatNumber(value, { maximumFractionDigits: 1 });
}

/** "17 / 31": times done against times expected in the range; an amount carries its unit. */
export function doneOf(row: { done: number; expected: number }, unit = ""): string {
  // Every language we ship writes the unit after the number.
  return `${amount(row.done)} / ${amount(row.expected)}${unit ? ` ${unit}` : ""}`;
}

export function Overview({ today, weekStart }: { today: string; weekStart: number }) {
  const [preset, setPreset] = useState<Preset>("month");
  const [offset, setOffset] = useState(0);
  const range = rangeFor(preset, today, weekStart, offset);
  const overview = useOverview(range.from, range.to);
  const habits = useHabitNames();
  const groups = useGroupNames();
  const { t, i18n } = useLingui();
  const previousLabel =
    preset === "week"
      ? t`Previous week`
      : preset === "month"
        ? t`Previous month`
        : t`Previous year`;
  const nextLabel =
    preset === "week" ? t`Next week` : preset === "month" ? t`Next month` : t`Next year`;

  return (
    <div className="stack">
      <div className="overview-controls">
        <div className="segmented" role="group" aria-label={t`Period`}>
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
              {i18n._(p.label)}
            </button>
          ))}
        </div>
        <div className="overview-step">
          <button
            type="button"
            className="btn-icon"
            aria-label={previousLabel}
            onClick={() => setOffset(offset - 1)}
          >
            <Chevron glyph="‹" />
          </button>
          <h2 className="overview-period" aria-live="polite">
            {range.label}
          </h2>
          <button
            type="button"
            className="btn-icon"
            aria-label={nextLabel}
            disabled={offset >= 0}
            onClick={() => setOffset(offset + 1)}
          >
            <Chevron glyph="›" />
          </button>
        </div>
      </div>
      {overview.isPending ? (
        <Skeleton lines={6} label={t`Loading the overview`} />
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
  const { t } = useLingui();
  const habitById = new Map(habits.map((h) => [h.id, h]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  // Days and check-ins add up; amounts (glasses, km) do not, as in the group totals.
  const counted = data.habits.filter((h) => h.counts !== "amount");
  const totalDone = counted.reduce((sum, h) => sum + h.done, 0);
  const totalExpected = counted.reduce((sum, h) => sum + h.expected, 0);
  // The API sends ids only (OverviewHabitOut, OverviewGroupOut): names come from the lists.
  const nameOf = (row: OverviewHabit) => {
    const id = row.habit_id;
    return habitById.get(id)?.name ?? t`Habit ${id}`;
  };
  const groupName = (row: OverviewGroup) =>
    row.group_id === null ? t`Ungrouped` : (groupById.get(row.group_id)?.name ?? t`Group`);
  const done = amount(totalDone);
  const expected = amount(totalExpected);
  const share = totalExpected > 0 ? pct(Math.min(1, totalDone / totalExpected)) : "";

  return (
    <>
      <section className="card stack" aria-labelledby="share-heading">
        <div className="section-head wrap">
          <h2 id="share-heading">
            <Trans>Each day</Trans>
          </h2>
          <span className="muted">
            {totalExpected > 0 ? (
              <Trans>
                {done} of {expected} expected check-ins done ({share})
              </Trans>
            ) : (
              <Trans>Nothing was expected in this period.</Trans>
            )}
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
          <h2 id="group-totals-heading">
            <Trans>Groups</Trans>
          </h2>
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label={t`Groups, scrolls sideways`}
          >
            <table className="overview-table">
              <thead>
                <tr>
                  <th scope="col">
                    <Trans>Group</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Done</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Completion</Trans>
                  </th>
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
        <h2 id="habit-totals-heading">
          <Trans>Habits</Trans>
        </h2>
        {data.habits.length === 0 ? (
          <p className="empty-note">
            <Trans>No habit was active in this period.</Trans>
          </p>
        ) : (
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-label={t`Habits, scrolls sideways`}
          >
            <table className="overview-table">
              <thead>
                <tr>
                  <th scope="col">
                    <Trans>Habit</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Done</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Completion</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Score</Trans>
                  </th>
                  <th scope="col">
                    <Trans>Best streak</Trans>
                  </th>
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
                          <span style={{ width: `${Math.round((row.completion ?? 0) * 100)}%` }} />
                        </span>
                        {pct(row.completion)}
                      </span>
                    </td>
                    <td>
                      <ScoreChange from={pct(row.score_start)} to={pct(row.score_end)} />
                    </td>
                    <td>
                      <Plural value={row.best_streak} one="# day" other="# days" />
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

/** "62% → 70%": the arrow points the way the line reads, so it turns around in Arabic. */
function ScoreChange({ from, to }: { from: string; to: string }) {
  const { t } = useLingui();
  return <>{t`${from} → ${to}`}</>;
}

/**
 * An arrow that points back or forward in time. Written left to right so that the browser's own
 * mirroring of "‹" never applies, then turned by CSS under dir=rtl (overview.css).
 */
function Chevron({ glyph }: { glyph: "‹" | "›" }) {
  return (
    <span className="icon-directional" dir="ltr" aria-hidden="true">
      {glyph}
    </span>
  );
}
