import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Group, Habit } from "@/types/api";

/** The habits of each group in order, then those in no group (key null). */
export type Board = { group: Group | null; habits: Habit[] }[];

export function groupOf(habit: Habit): number | null {
  return habit.group_id ?? null;
}

/** Lay the active habits out by group, each list in the person's order. */
export function boardOf(groups: Group[], habits: Habit[]): Board {
  const sorted = [...habits].sort((a, b) => a.position - b.position);
  const known = new Set(groups.map((g) => g.id));
  return [
    ...[...groups]
      .sort((a, b) => a.position - b.position)
      .map((group) => ({ group, habits: sorted.filter((h) => groupOf(h) === group.id) })),
    {
      group: null,
      habits: sorted.filter((h) => {
        const id = groupOf(h);
        return id === null || !known.has(id);
      }),
    },
  ];
}

/**
 * The board after moving `habitId` into `toGroup` at `toIndex` (clamped; the end when
 * omitted). The habit keeps its place in the list it leaves for every other habit.
 */
export function moveOnBoard(
  board: Board,
  habitId: number,
  toGroup: number | null,
  toIndex?: number,
): Board {
  const habit = board.flatMap((column) => column.habits).find((h) => h.id === habitId);
  if (!habit) return board;
  return board.map((column) => {
    const rest = column.habits.filter((h) => h.id !== habitId);
    if ((column.group?.id ?? null) !== toGroup) return { ...column, habits: rest };
    const at = Math.max(0, Math.min(toIndex ?? rest.length, rest.length));
    return {
      ...column,
      habits: [...rest.slice(0, at), { ...habit, group_id: toGroup }, ...rest.slice(at)],
    };
  });
}

/** The order of every habit the reorder endpoint needs: the board's, then archived ones. */
export function orderOf(board: Board, archived: Habit[]): number[] {
  return [
    ...board.flatMap((column) => column.habits.map((h) => h.id)),
    ...archived.map((h) => h.id),
  ];
}

export type MoveVariables = {
  habit: Habit;
  toGroup: number | null;
  board: Board;
  archived: Habit[];
};

/**
 * Save a move: the habit's group when it changed (PATCH), then the new order of every habit
 * (the reorder endpoint takes them all).
 */
export function useMoveHabit({ onError }: { onError?: (error: unknown) => void } = {}) {
  const queryClient = useQueryClient();
  const key = queryKeys.habits(false);
  return useMutation({
    mutationFn: async ({ habit, toGroup, board, archived }: MoveVariables) => {
      if (groupOf(habit) !== toGroup) {
        await dataOf(
          client.PATCH("/api/habits/{habit_id}", {
            params: { path: { habit_id: habit.id } },
            body: { group_id: toGroup },
          }),
        );
      }
      await dataOf(client.POST("/api/habits/reorder", { body: { ids: orderOf(board, archived) } }));
    },
    onMutate: async ({ board }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Habit[]>(key);
      const next = board
        .flatMap((column) => column.habits)
        .map((h, position) => ({ ...h, position }));
      queryClient.setQueryData<Habit[]>(key, next);
      return { previous };
    },
    onError: (error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      onError?.(error);
    },
    onSettled: (_data, _error, { habit }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.habit(habit.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.groupsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.overviewAll });
    },
  });
}
