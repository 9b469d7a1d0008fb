import { Trans, useLingui } from "@lingui/react/macro";
import { useState, type DragEvent } from "react";
import { Link } from "react-router";
import { Alert } from "@/components/alert";
import { Skeleton } from "@/components/skeleton";
import { errorMessage } from "@/lib/api-client";
import { useToast } from "@/lib/toast";
import type { Habit } from "@/types/api";
import { useHabits } from "../api/get-habits";
import { moveItem, useReorderHabits } from "../api/reorder-habits";
import { useUpdateHabit } from "../api/update-habit";
import { DeleteHabitDialog } from "./delete-habit-dialog";
import { describeSchedule } from "./describe-schedule";

export function HabitList({
  archived,
  groupNames,
}: {
  archived: boolean;
  /** Each group's name by id, to say which group a habit is in (issue 15). */
  groupNames?: ReadonlyMap<number, string>;
}) {
  const { t } = useLingui();
  const habits = useHabits(archived);
  const toast = useToast();
  const reorder = useReorderHabits({
    onError: (error) => {
      const reason = errorMessage(error);
      toast.show(t`Order not saved: ${reason}`, "error");
    },
  });
  const update = useUpdateHabit();
  const [toDelete, setToDelete] = useState<Habit | null>(null);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");

  if (habits.isPending) return <Skeleton lines={4} label={t`Loading habits`} />;
  if (habits.isError) return <Alert>{errorMessage(habits.error)}</Alert>;

  const list = habits.data;
  if (list.length === 0) {
    return (
      <p className="empty-note">
        {archived
          ? t`No archived habits. Archive a habit to pause it without losing its history.`
          : t`No habits yet. Create one to start tracking.`}
      </p>
    );
  }

  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return;
    const next = moveItem(list, from, to);
    reorder.mutate(next);
    const name = list[from]!.name;
    const position = to + 1;
    const count = list.length;
    setAnnouncement(t`${name} moved to position ${position} of ${count}.`);
  };

  const setArchived = (habit: Habit, value: boolean, { undoable = true } = {}) =>
    update.mutate(
      { id: habit.id, patch: { archived: value } },
      {
        onSuccess: () =>
          toast.show(
            value ? t`${{ name: habit.name }} archived.` : t`${{ name: habit.name }} restored.`,
            "success",
            // Archiving is one click away from the list: offer the way back.
            value && undoable
              ? {
                  action: {
                    label: t`Undo`,
                    onAction: () => setArchived(habit, false, { undoable: false }),
                  },
                }
              : {},
          ),
        onError: (error) => toast.show(errorMessage(error), "error"),
      },
    );

  const onDrop = (event: DragEvent, index: number) => {
    event.preventDefault();
    if (dragIndex !== null) move(dragIndex, index);
    setDragIndex(null);
    setOverIndex(null);
  };

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ul className="habit-list">
        {list.map((habit, index) => (
          <li
            key={habit.id}
            className={`habit-row${overIndex === index ? " drag-over" : ""}${dragIndex === index ? " dragging" : ""}`}
            draggable={!archived}
            data-testid={`habit-row-${habit.id}`}
            onDragStart={(event) => {
              setDragIndex(index);
              event.dataTransfer.effectAllowed = "move";
              event.dataTransfer.setData("text/plain", String(habit.id));
            }}
            onDragOver={(event) => {
              if (dragIndex === null) return;
              event.preventDefault();
              setOverIndex(index);
            }}
            onDragLeave={() => setOverIndex((current) => (current === index ? null : current))}
            onDrop={(event) => onDrop(event, index)}
            onDragEnd={() => {
              setDragIndex(null);
              setOverIndex(null);
            }}
          >
            {!archived ? (
              <span className="drag-handle" aria-hidden="true" title={t`Drag to reorder`}>
                ⠿
              </span>
            ) : null}
            <span className="habit-icon" style={{ background: habit.color }} aria-hidden="true">
              {habit.icon || habit.name.charAt(0)}
            </span>
            <div className="grow">
              <Link to={`/habits/${habit.id}`} className="habit-name">
                {habit.name}
              </Link>
              <div className="muted small">
                {habit.group_id != null && groupNames?.has(habit.group_id)
                  ? `${groupNames.get(habit.group_id)} · `
                  : ""}
                {describeSchedule(habit)}
              </div>
            </div>
            <div className="row-actions">
              {!archived ? (
                <>
                  <button
                    type="button"
                    className="btn-icon"
                    aria-label={t`Move ${{ name: habit.name }} up`}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn-icon"
                    aria-label={t`Move ${{ name: habit.name }} down`}
                    disabled={index === list.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </button>
                  <Link
                    className="btn btn-small"
                    to={`/habits/${habit.id}/edit`}
                    aria-label={t`Edit ${{ name: habit.name }}`}
                  >
                    <Trans>Edit</Trans>
                  </Link>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={t`Archive ${{ name: habit.name }}`}
                    onClick={() => setArchived(habit, true)}
                  >
                    <Trans>Archive</Trans>
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={t`Restore ${{ name: habit.name }}`}
                  onClick={() => setArchived(habit, false)}
                >
                  <Trans>Restore</Trans>
                </button>
              )}
              <button
                type="button"
                className="btn btn-small btn-danger-ghost"
                aria-label={t`Delete ${{ name: habit.name }}`}
                onClick={() => setToDelete(habit)}
              >
                <Trans>Delete</Trans>
              </button>
            </div>
          </li>
        ))}
      </ul>
      <DeleteHabitDialog habit={toDelete} onClose={() => setToDelete(null)} />
    </>
  );
}
