// One place for cache keys so that features invalidate each other's data
// without importing each other.
export const queryKeys = {
  me: ["me"] as const,
  todayAll: ["today"] as const,
  today: (date: string) => ["today", date] as const,
  habitsAll: ["habits"] as const,
  habits: (archived: boolean) => ["habits", { archived }] as const,
  habit: (id: number) => ["habit", id] as const,
  statsAll: ["stats"] as const,
  stats: (id: number) => ["stats", id] as const,
  entriesAll: ["entries"] as const,
  entries: (id: number, from: string, to: string) => ["entries", id, from, to] as const,
  groupsAll: ["groups"] as const,
  group: (id: number) => ["groups", id] as const,
  groupStats: (id: number) => ["groups", id, "stats"] as const,
  overviewAll: ["overview"] as const,
  overview: (from: string, to: string) => ["overview", from, to] as const,
  pushDevices: ["push-devices"] as const,
  reminders: (habitId: number) => ["reminders", habitId] as const,
};
