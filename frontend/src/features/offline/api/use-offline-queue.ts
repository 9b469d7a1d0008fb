import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  discardChange,
  flushQueue,
  queuedChanges,
  retryChange,
  sendChange,
  subscribeQueue,
  type FlushResult,
  type FlushStop,
  type QueuedChange,
} from "@/lib/offline-queue";
import { queryKeys } from "@/lib/query-keys";

/** The person's (or, without one, everyone's) waiting and refused changes, kept up to date. */
export function useQueuedChanges(userId?: number): QueuedChange[] {
  const [changes, setChanges] = useState<QueuedChange[]>([]);
  useEffect(() => {
    let alive = true;
    const read = () =>
      void queuedChanges(userId)
        .then((all) => alive && setChanges(all))
        .catch(() => undefined);
    read();
    const unsubscribe = subscribeQueue(read);
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [userId]);
  return changes;
}

const RETRY_AFTER_MS = 15_000;

/** One tab sends at a time (Web Locks where the browser has them). */
async function exclusively(run: () => Promise<FlushResult>): Promise<FlushResult> {
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  return locks ? await locks.request("habits-offline-queue", run) : await run();
}

/**
 * Send waiting changes whenever there may be a way to: now, when the browser comes online, when
 * a change is queued, and every few seconds while the server cannot be reached. After sending,
 * the days and stats involved are read again, so each cell shows what the server kept (when two
 * devices changed one day, the last change to reach the server wins).
 */
export function useOfflineSync(userId: number): FlushStop {
  const queryClient = useQueryClient();
  const [stopped, setStopped] = useState<FlushStop>(null);
  useEffect(() => {
    let running = false;
    let again = false;
    let timer: number | undefined;
    let alive = true;

    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      if (!navigator.onLine) return;
      running = true;
      window.clearTimeout(timer);
      try {
        const result = await exclusively(() => flushQueue(userId, sendChange));
        if (!alive) return;
        setStopped(result.stopped);
        const touched = [...result.sent, ...result.failed];
        if (touched.length > 0) {
          void queryClient.invalidateQueries({ queryKey: queryKeys.todayAll });
          void queryClient.invalidateQueries({ queryKey: queryKeys.habitsAll });
          void queryClient.invalidateQueries({ queryKey: queryKeys.statsAll });
          void queryClient.invalidateQueries({ queryKey: queryKeys.entriesAll });
          for (const change of touched) {
            void queryClient.invalidateQueries({ queryKey: queryKeys.habit(change.habitId) });
          }
        }
        if (result.stopped === "offline" || result.stopped === "server") {
          timer = window.setTimeout(() => void run(), RETRY_AFTER_MS);
        }
      } catch {
        timer = window.setTimeout(() => void run(), RETRY_AFTER_MS);
      } finally {
        running = false;
        if (again && alive) {
          again = false;
          void run();
        }
      }
    };

    void run();
    const onOnline = () => void run();
    window.addEventListener("online", onOnline);
    const unsubscribe = subscribeQueue(() => void run());
    return () => {
      alive = false;
      window.clearTimeout(timer);
      window.removeEventListener("online", onOnline);
      unsubscribe();
    };
  }, [userId, queryClient]);
  return stopped;
}

export { discardChange, retryChange };
