import { t } from "@lingui/core/macro";
import { useQuery } from "@tanstack/react-query";
import { client, dataOf } from "@/lib/api-client";
import { queryKeys } from "@/lib/query-keys";
import type { Reminder, ReminderInput } from "@/types/api";

export function getReminders(habitId: number): Promise<Reminder[]> {
  return dataOf(
    client.GET("/api/habits/{habit_id}/reminders", { params: { path: { habit_id: habitId } } }),
  );
}

export function useReminders(habitId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.reminders(habitId ?? 0),
    queryFn: () => getReminders(habitId!),
    enabled: habitId !== undefined,
  });
}

export type ReminderWrites = {
  create: { key: string; input: ReminderInput }[];
  update: { key: string; id: number; patch: Partial<ReminderInput> }[];
  remove: number[];
};

/** A write that failed, naming the editor's reminder (its key) when it was one of them. */
export class ReminderSaveError extends Error {
  readonly key: string | null;
  readonly error: unknown;

  constructor(key: string | null, error: unknown) {
    super(error instanceof Error ? error.message : t`Could not save the reminders.`);
    this.name = "ReminderSaveError";
    this.key = key;
    this.error = error;
  }
}

async function attempt(key: string | null, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new ReminderSaveError(key, error);
  }
}

/**
 * Applies the editor's changes one request at a time, removals first, so a habit never holds
 * more reminders than the server allows while it is being edited. A failure stops there and is
 * thrown: what was written stays written (onCreated gives each new reminder's id), so the
 * next attempt starts from there.
 */
export async function saveReminders(
  habitId: number,
  writes: ReminderWrites,
  onCreated: (key: string, reminder: Reminder) => void = () => undefined,
): Promise<void> {
  for (const id of writes.remove)
    await attempt(null, () =>
      dataOf(
        client.DELETE("/api/reminders/{reminder_id}", { params: { path: { reminder_id: id } } }),
      ),
    );
  for (const { key, id, patch } of writes.update) {
    await attempt(key, () =>
      dataOf(
        client.PATCH("/api/reminders/{reminder_id}", {
          params: { path: { reminder_id: id } },
          body: patch,
        }),
      ),
    );
  }
  for (const { key, input } of writes.create) {
    await attempt(key, async () => {
      const created = await dataOf(
        client.POST("/api/habits/{habit_id}/reminders", {
          params: { path: { habit_id: habitId } },
          body: input,
        }),
      );
      onCreated(key, created);
    });
  }
}
