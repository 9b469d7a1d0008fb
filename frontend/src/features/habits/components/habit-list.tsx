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
  const habits = useHabits(archived);
  const toast = useToast();
  const reorder = useReorderHabits({
    onError: (error) => toast.show(`Order not saved: ${errorMessage(error)}`, "error"),
  });
  const update = useUpdateHabit();
  const [toDelete, setToDelete] = useState<Habit | null>(null);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  const [announcement, setAnnouncement] = useState("");

  if (habits.isPending) return <Skeleton lines={4} label="Loading habits" />;
  if (habits.isError) return <Alert>{errorMessage(habits.error)}</Alert>;

  const list = habits.data;
  if (list.length === 0) {
    return (
      <p className="empty-note">
        {archived
          ? "No archived habits. Archive a habit to pause it without losing its history."
          : "No habits yet. Create one to start tracking."}
      </p>
    );
  }

  const move = (from: number, to: number) => {
    if (to < 0 || to >= list.length || from === to) return;
    const next = moveItem(list, from, to);
    reorder.mutate(next);
    setAnnouncement(`${list[from]!.name} moved to position ${to + 1} of ${list.length}.`);
  };

  const setArchived = (habit: Habit, value: boolean, { undoable = true } = {}) =>
    update.mutate(
      { id: habit.id, patch: { archived: value } },
      {
        onSuccess: () =>
          toast.show(
            `${habit.name} ${value ? "archived" : "restored"}.`,
            "success",
            // Archiving is one click away from the list: offer the way back.
            value && undoable
              ? {
                  action: {
                    label: "Undo",
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
              <span className="drag-handle" aria-hidden="true" title="Drag to reorder">
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
                    aria-label={`Move ${habit.name} up`}
                    disabled={index === 0}
                    onClick={() => move(index, index - 1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn-icon"
                    aria-label={`Move ${habit.name} down`}
                    disabled={index === list.length - 1}
                    onClick={() => move(index, index + 1)}
                  >
                    ↓
                  </button>
                  <Link
                    className="btn btn-small"
                    to={`/habits/${habit.id}/edit`}
                    aria-label={`Edit ${habit.name}`}
                  >
                    Edit
                  </Link>
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-label={`Archive ${habit.name}`}
                    onClick={() => setArchived(habit, true)}
                  >
                    Archive
                  </button>
                </>
              ) : (
                <button
                  type="button"
                  className="btn btn-small"
                  aria-label={`Restore ${habit.name}`}
                  onClick={() => setArchived(habit, false)}
                >
                  Restore
                </button>
              )}
              <button
                type="button"
                className="btn btn-small btn-danger-ghost"
                aria-label={`Delete ${habit.name}`}
                onClick={() => setToDelete(habit)}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      <DeleteHabitDialog habit={toDelete} onClose={() => setToDelete(null)} />
    </>
  );
}
