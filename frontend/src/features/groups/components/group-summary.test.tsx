import { i18n } from "@lingui/core";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { renderWithProviders } from "@/testing/render";
import type { Group, GroupStats } from "@/types/api";
import { GroupSummary } from "./group-summary";

const group: Group = {
  id: 1,
  name: "Morgen",
  color: "#2f7d5b",
  icon: "🌅",
  position: 0,
  collapsed: false,
};
const stats = (current: number, best: number): GroupStats => ({
  score: 0.873,
  current_streak: current,
  best_streak: best,
  score_history: [],
  today: { done: 2, due: 3 },
});

describe("a group's summary", () => {
  it("counts streak days in German, with its percentage", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    renderWithProviders(<GroupSummary group={group} stats={stats(1, 12)} error={null} />);
    expect(screen.getByText("1 Tag")).toBeInTheDocument();
    expect(screen.getByText("12 Tage")).toBeInTheDocument();
    expect(screen.getByText("2 von 3 erledigt")).toBeInTheDocument();
    // German puts a (non-breaking) space before the percent sign.
    expect(screen.getByText(/^87\s%$/)).toBeInTheDocument();
  });

  it("counts streak days in Arabic's dual and plural forms", async () => {
    i18n.loadAndActivate({ locale: "ar", messages: await loadMessages("ar") });
    renderWithProviders(<GroupSummary group={group} stats={stats(2, 11)} error={null} />);
    expect(screen.getByText("يومان")).toBeInTheDocument();
    expect(screen.getByText(`${new Intl.NumberFormat("ar").format(11)} يومًا`)).toBeInTheDocument();
  });
});
