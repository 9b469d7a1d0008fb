import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type DragEvent } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useToast } from "@/lib/toast";
import type { Group, Habit } from "@/types/api";
import { useCreateGroup } from "../api/create-group";
import { useGroups } from "../api/get-groups";
import { useHabitList } from "../api/get-habits";
import { boardOf, groupOf, moveOnBoard, useMoveHabit, type Board } from "../api/move-habit";
import { useReorderGroups } from "../api/reorder-groups";
import { useUpdateGroup } from "../api/update-group";
import { DeleteGroupDialog } from "./delete-group-dialog";
import { GroupForm } from "./group-form";
import "./groups.css";

/** Where a dragged habit would land: a group (null: none) and a place in it. */
type DropTarget = { group: number | null; index: number };

export function GroupsManager() {
  const { t } = useLingui();
  const groups = useGroups();
  const active = useHabitList(false);
  const archived = useHabitList(true);
  const create = useCreateGroup();
  const toast = useToast();
  const [announcement, setAnnouncement] = useState("");
  const onError = (error: unknown) => {
    const reason = errorMessage(error);
    toast.show(t`Not saved: ${reason}`, "error");
  };
  const move = useMoveHabit({ onError });
  const reorderGroups = useReorderGroups({ onError });
  const update = useUpdateGroup({ onError });
  const [editing, setEditing] = useState<number | null>(null);
  const [toDelete, setToDelete] = useState<Group | null>(null);
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<DropTarget | null>(null);

  if (groups.isPending || active.isPending || archived.isPending) {
    return <Skeleton lines={6} label={t`Loading groups`} />;
  }
  const failed = groups.error ?? active.error ?? archived.error;
  if (failed) return <Alert>{errorMessage(failed)}</Alert>;

  const groupList = groups.data ?? [];
  const board = boardOf(groupList, active.data ?? []);
  const nameOf = (id: number | null) =>
    id === null ? t`Ungrouped` : (groupList.find((g) => g.id === id)?.name ?? t`Ungrouped`);

  const moveHabit = (habit: Habit, toGroup: number | null, toIndex?: number) => {
    const next = moveOnBoard(board, habit.id, toGroup, toIndex);
    const column = next.find((c) => (c.group?.id ?? null) === toGroup);
    const position = (column?.habits.findIndex((h) => h.id === habit.id) ?? 0) + 1;
    move.mutate({ habit, toGroup, board: next, archived: archived.data ?? [] });
    const group = nameOf(toGroup);
    const count = column?.habits.length ?? 1;
    setAnnouncement(
      t`${{ name: habit.name }} moved to ${group}, position ${position} of ${count}.`,
    );
  };

  const moveGroup = (index: number, to: number) => {
    if (to < 0 || to >= groupList.length) return;
    const next = groupList.slice();
    const [moved] = next.splice(index, 1);
    next.splice(to, 0, moved!);
    reorderGroups.mutate(next);
    const name = moved!.name;
    const position = to + 1;
    const count = groupList.length;
    setAnnouncement(t`${name} moved to position ${position} of ${count}.`);
  };

  const onDrop = (event: DragEvent, target: DropTarget) => {
    event.preventDefault();
    event.stopPropagation();
    const habit = board.flatMap((c) => c.habits).find((h) => h.id === dragged);
    if (habit) moveHabit(habit, target.group, target.index);
    setDragged(null);
    setOver(null);
  };

  return (
    <div className="stack">
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <section className="card stack" aria-labelledby="new-group-heading">
        <h2 id="new-group-heading">
          <Trans>New group</Trans>
        </h2>
        <GroupForm
          label={t`New group`}
          submitLabel={t`Create group`}
          pending={create.isPending}
          error={create.error}
          onSubmit={(input) =>
            create.mutateAsync(input).then((group) => {
              const name = group.name;
              toast.show(t`Group “${name}” created.`, "success");
              setAnnouncement(t`Group ${name} created.`);
            })
          }
        />
      </section>
      <p className="muted small">
        <Trans>
          Drag habits between groups, or use each habit&apos;s “Group” menu and arrow buttons.
        </Trans>
      </p>
      {board.map((column, columnIndex) => {
        const group = column.group;
        const key = group?.id ?? null;
        const headingId = `group-heading-${key ?? "none"}`;
        return (
          <section
            key={key ?? "none"}
            className={`card stack group-card${over && over.group === key ? " drag-over" : ""}`}
            aria-labelledby={headingId}
            data-testid={`group-card-${key ?? "none"}`}
            onDragOver={(event) => {
              if (dragged === null) return;
              event.preventDefault();
              setOver({ group: key, index: column.habits.length });
            }}
            onDrop={(event) => onDrop(event, { group: key, index: column.habits.length })}
          >
            <div className="section-head wrap">
              <h2 id={headingId} className="row">
                {group ? (
                  <span
                    className="group-badge"
                    style={{ "--group": group.color } as React.CSSProperties}
                    aria-hidden="true"
                  >
                    {group.icon}
                  </span>
                ) : null}
                {group ? <Link to={`/groups/${group.id}`}>{group.name}</Link> : t`Ungrouped`}
              </h2>
              {group ? (
                <div className="row-actions">
                  <button
                    type="button"
                    className="btn-icon"
                    aria-label={t`Move group ${{ name: group.name }} up`}
                    disabled={columnIndex === 0}
                    onClick={() => moveGroup(columnIndex, columnIndex - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn-icon"
                    aria-label={t`Move group ${{ name: group.name }} down`}
                    disabled={columnIndex === groupList.length - 1}
                    onClick={() => moveGroup(columnIndex, columnIndex + 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-pressed={group.collapsed}
                    aria-label={t`Fold on Today: ${{ name: group.name }}`}
                    onClick={() =>
                      update.mutate({ id: group.id, patch: { collapsed: !group.collapsed } })
                    }
                  >
                    <Trans>Fold on Today</Trans>
                  </button>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-expanded={editing === group.id}
                    aria-label={t`Edit group ${{ name: group.name }}`}
                    onClick={() => setEditing(editing === group.id ? null : group.id)}
                  >
                    <Trans>Edit</Trans>
                  </button>
                  <button
                    type="button"
                    className="btn btn-small btn-danger-ghost"
                    aria-label={t`Delete group ${{ name: group.name }}`}
                    onClick={() => setToDelete(group)}
                  >
                    <Trans>Delete</Trans>
                  </button>
                </div>
              ) : null}
            </div>
            {group && editing === group.id ? (
              <GroupForm
                label={t`Edit group ${{ name: group.name }}`}
                initial={{ name: group.name, color: group.color, icon: group.icon }}
                submitLabel={t`Save group`}
                pending={update.isPending}
                error={null}
                onCancel={() => setEditing(null)}
                onSubmit={(patch) =>
                  update.mutateAsync({ id: group.id, patch }).then(() => setEditing(null))
                }
              />
            ) : null}
            <HabitColumn
              column={column}
              groups={groupList}
              dragged={dragged}
              over={over}
              setDragged={setDragged}
              setOver={setOver}
              onDrop={onDrop}
              onMove={moveHabit}
            />
          </section>
        );
      })}
      <DeleteGroupDialog group={toDelete} onClose={() => setToDelete(null)} />
    </div>
  );
}

function HabitColumn({
  column,
  groups,
  dragged,
  over,
  setDragged,
  setOver,
  onDrop,
  onMove,
}: {
  column: Board[number];
  groups: Group[];
  dragged: number | null;
  over: DropTarget | null;
  setDragged: (id: number | null) => void;
  setOver: (target: DropTarget | null) => void;
  onDrop: (event: DragEvent, target: DropTarget) => void;
  onMove: (habit: Habit, toGroup: number | null, toIndex?: number) => void;
}) {
  const { t } = useLingui();
  const key = column.group?.id ?? null;
  if (column.habits.length === 0) {
    return (
      <p className="empty-note">
        {key === null
          ? t`Every habit is in a group.`
          : t`No habits yet: drag one here or pick this group in a habit's “Group” menu.`}
      </p>
    );
  }
  return (
    <ul className="habit-list">
      {column.habits.map((habit, index) => (
        <li
          key={habit.id}
          className={`habit-row${over?.group === key && over.index === index ? " drag-over" : ""}${
            dragged === habit.id ? " dragging" : ""
          }`}
          draggable
          data-testid={`group-habit-${habit.id}`}
          onDragStart={(event) => {
            setDragged(habit.id);
            event.dataTransfer.effectAllowed = "move";
            event.dataTransfer.setData("text/plain", String(habit.id));
          }}
          onDragOver={(event) => {
            if (dragged === null) return;
            event.preventDefault();
            event.stopPropagation();
            setOver({ group: key, index });
          }}
          onDrop={(event) => onDrop(event, { group: key, index })}
          onDragEnd={() => {
            setDragged(null);
            setOver(null);
          }}
        >
          <span
            className="drag-handle"
            aria-hidden="true"
            title={t`Drag to another place or group`}
          >
            ⠿
          </span>
          <span className="habit-icon" style={{ background: habit.color }} aria-hidden="true">
            {habit.icon || habit.name.charAt(0)}
          </span>
          <div className="grow">
            <Link to={`/habits/${habit.id}`} className="habit-name">
              {habit.name}
            </Link>
          </div>
          <div className="row-actions">
            <button
              type="button"
              className="btn-icon"
              aria-label={t`Move ${{ name: habit.name }} up`}
              disabled={index === 0}
              onClick={() => onMove(habit, key, index - 1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="btn-icon"
              aria-label={t`Move ${{ name: habit.name }} down`}
              disabled={index === column.habits.length - 1}
              onClick={() => onMove(habit, key, index + 1)}
            >
              ↓
            </button>
            <select
              aria-label={t`Group for ${{ name: habit.name }}`}
              className="group-select"
              value={groupOf(habit) ?? ""}
              onChange={(event) =>
                onMove(habit, event.target.value === "" ? null : Number(event.target.value))
              }
            >
              {groups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name}
                </option>
              ))}
              <option value="">{t`No group`}</option>
            </select>
          </div>
        </li>
      ))}
    </ul>
  );
}
