import { Plural, Trans, useLingui } from "@lingui/react/macro";
import { useId, useState } from "react";
import { Link } from "react-router";
import { formatNumber, formatPercent } from "@/lib/i18n";
import type { TodayGroup, TodayItem as TodayItemData, TodayResponse } from "@/types/api";
import type { DayWords } from "./progress-label";
import { TodayItem, type OnDayChange, type OnEntryChange } from "./today-item";

/** "all", a group's id, or "none" for the habits in no group. */
export type GroupFilter = "all" | "none" | number;

const FILTER_KEY = "today-group-filter";

function readFilter(): GroupFilter {
  try {
    const saved = localStorage.getItem(FILTER_KEY);
    if (saved === null || saved === "all") return "all";
    if (saved === "none") return "none";
    const id = Number(saved);
    return Number.isInteger(id) ? id : "all";
  } catch {
    return "all";
  }
}

function saveFilter(filter: GroupFilter): void {
  try {
    localStorage.setItem(FILTER_KEY, String(filter));
  } catch {
    // Private mode without storage: the filter lasts for the visit.
  }
}

function groupOf(item: TodayItemData): number | null {
  return item.habit.group_id ?? item.group_id ?? null;
}

/** Due habits first, in the person's order within each part. */
function dueFirst(items: TodayItemData[]): TodayItemData[] {
  return [...items.filter((i) => i.due), ...items.filter((i) => !i.due)];
}

export type Section = {
  key: string;
  group: TodayGroup | null;
  items: TodayItemData[];
};

/** The groups in their order, each with its habits, then the habits in no group. */
export function sections(data: TodayResponse, filter: GroupFilter): Section[] {
  const groups = [...(data.groups ?? [])].sort((a, b) => a.position - b.position);
  const known = new Set(groups.map((g) => g.id));
  const all: Section[] = groups.map((group) => ({
    key: `group-${group.id}`,
    group,
    items: dueFirst(data.items.filter((item) => groupOf(item) === group.id)),
  }));
  const ungrouped = data.items.filter((item) => {
    const id = groupOf(item);
    return id === null || !known.has(id);
  });
  if (ungrouped.length > 0) all.push({ key: "ungrouped", group: null, items: dueFirst(ungrouped) });
  if (filter === "all") return all;
  if (filter === "none") return all.filter((s) => s.group === null);
  const one = all.filter((s) => s.group?.id === filter);
  return one.length > 0 ? one : all;
}

type GroupedListsProps = {
  data: TodayResponse;
  onChange: OnEntryChange;
  onDay: OnDayChange;
  words: DayWords;
  today: string;
  onCollapse: (id: number, collapsed: boolean) => void;
};

/** Today with groups: a section per group under a header that folds, then "Ungrouped". */
export function GroupedLists({
  data,
  onChange,
  onDay,
  words,
  today,
  onCollapse,
}: GroupedListsProps) {
  const { t } = useLingui();
  const [filter, setFilter] = useState<GroupFilter>(readFilter);
  const filterId = useId();
  const groups = [...(data.groups ?? [])].sort((a, b) => a.position - b.position);
  const shown = sections(data, filter);
  const due = data.items.filter((item) => item.due);
  const doneCount = formatNumber(due.filter((item) => item.done).length);
  const dueCount = formatNumber(due.length);

  const choose = (value: string) => {
    const next: GroupFilter = value === "all" || value === "none" ? value : Number(value);
    setFilter(next);
    saveFilter(next);
  };

  return (
    <>
      <div className="today-toolbar">
        <div>
          <label htmlFor={filterId}>
            <Trans>Show</Trans>
          </label>
          <select id={filterId} value={String(filter)} onChange={(e) => choose(e.target.value)}>
            <option value="all">{t`All groups`}</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            <option value="none">{t`Ungrouped`}</option>
          </select>
        </div>
        {due.length > 0 ? (
          <span className="muted">
            {words.isToday ? (
              <Trans>
                {doneCount} of {dueCount} due today done
              </Trans>
            ) : (
              <Trans>
                {doneCount} of {dueCount} due on this day done
              </Trans>
            )}
          </span>
        ) : null}
      </div>
      {shown.map((section) => (
        <GroupSection
          key={section.key}
          section={section}
          onChange={onChange}
          onDay={onDay}
          words={words}
          today={today}
          onCollapse={onCollapse}
        />
      ))}
    </>
  );
}

function GroupSection({
  section,
  onChange,
  onDay,
  words,
  today,
  onCollapse,
}: {
  section: Section;
  onChange: OnEntryChange;
  onDay: OnDayChange;
  words: DayWords;
  today: string;
  onCollapse: (id: number, collapsed: boolean) => void;
}) {
  const { t } = useLingui();
  const { group, items } = section;
  const headingId = useId();
  const listId = useId();
  const [ungroupedOpen, setUngroupedOpen] = useState(true);
  const open = group ? !group.collapsed : ungroupedOpen;
  const name = group ? group.name : t`Ungrouped`;
  const due = items.filter((i) => i.due);
  const done = formatNumber(group ? group.done_today : due.filter((i) => i.done).length);
  const dueTotal = group ? group.due_today : due.length;
  const dueCount = formatNumber(dueTotal);
  const score = group ? formatPercent(group.score) : "";
  const toggle = () => (group ? onCollapse(group.id, open) : setUngroupedOpen(!open));

  return (
    <section className="group-section" aria-labelledby={headingId}>
      <div className="group-head">
        <h2 id={headingId} className="group-title">
          <button
            type="button"
            className="group-toggle"
            aria-expanded={open}
            aria-controls={listId}
            onClick={toggle}
          >
            <span className="group-chevron" aria-hidden="true">
              ▾
            </span>
            {group ? (
              <span
                className="group-dot"
                style={{ "--group": group.color } as React.CSSProperties}
                aria-hidden="true"
              >
                {group.icon}
              </span>
            ) : null}
            {name}
          </button>
        </h2>
        <span className="group-summary">
          {group ? (
            <span>
              <Trans>Score {score}</Trans>
            </span>
          ) : null}
          <span>
            {dueTotal > 0 ? (
              words.isToday ? (
                <Trans>
                  {done} of {dueCount} done today
                </Trans>
              ) : (
                <Trans>
                  {done} of {dueCount} done on this day
                </Trans>
              )
            ) : words.isToday ? (
              <Trans>Nothing due today</Trans>
            ) : (
              <Trans>Nothing due on this day</Trans>
            )}
          </span>
          <span>
            <Plural value={items.length} one="# habit" other="# habits" />
          </span>
          {group ? (
            <Link to={`/groups/${group.id}`} aria-label={t`Details of ${name}`}>
              <Trans>Details</Trans>
            </Link>
          ) : null}
        </span>
      </div>
      <ul className="today-list" id={listId} hidden={!open}>
        {items.map((item) => (
          <TodayItem
            key={item.habit.id}
            item={item}
            onChange={onChange}
            onDay={onDay}
            words={words}
            today={today}
          />
        ))}
      </ul>
    </section>
  );
}
