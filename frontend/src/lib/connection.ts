// What the app knows about its connection: whether the browser is online, whether the last
// API answer was the service worker's saved copy (the server could not be reached), and when
// data last came fresh from the server (kept across reloads, for "last refreshed at").
import { useSyncExternalStore } from "react";

/** The service worker stamps the copies it keeps of API answers with the time they arrived. */
export const CACHED_AT_HEADER = "X-Habits-Cached-At";
const STORAGE_KEY = "habits-last-refreshed";

export type ConnectionState = {
  online: boolean;
  /** The last API answer came from the saved copy, not the server. */
  servedFromCopy: boolean;
  /** ISO time of the newest data seen from the server, or null if never. */
  lastRefreshed: string | null;
  /** Offline on a day never opened online: Today is drawn from this earlier day's list. */
  todayFrom: string | null;
};

function readStored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let state: ConnectionState = {
  online: typeof navigator === "undefined" ? true : navigator.onLine,
  servedFromCopy: false,
  lastRefreshed: typeof window === "undefined" ? null : readStored(),
  todayFrom: null,
};
const listeners = new Set<() => void>();

function set(next: Partial<ConnectionState>): void {
  const merged = { ...state, ...next };
  if (
    merged.online === state.online &&
    merged.servedFromCopy === state.servedFromCopy &&
    merged.lastRefreshed === state.lastRefreshed &&
    merged.todayFrom === state.todayFrom
  ) {
    return;
  }
  state = merged;
  for (const listener of listeners) listener();
}

if (typeof window !== "undefined") {
  window.addEventListener("online", () => set({ online: true }));
  window.addEventListener("offline", () => set({ online: false }));
}

/** Called by the API client for every successful GET. */
export function noteApiResponse(response: Response): void {
  const cachedAt = response.headers.get(CACHED_AT_HEADER);
  if (cachedAt) {
    set({ servedFromCopy: true });
    return;
  }
  const now = new Date().toISOString();
  try {
    localStorage.setItem(STORAGE_KEY, now);
  } catch {
    // Without storage the time is still known for this visit.
  }
  set({ servedFromCopy: false, lastRefreshed: now, todayFrom: null });
}

/** Today was drawn from an earlier day's saved list (null: from its own answer). */
export function noteTodayFrom(date: string | null): void {
  set(date ? { todayFrom: date, servedFromCopy: true } : { todayFrom: null });
}

export function connectionState(): ConnectionState {
  return state;
}

export function subscribeConnection(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useConnection(): ConnectionState {
  return useSyncExternalStore(subscribeConnection, connectionState, connectionState);
}
