import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/toast-provider";
import { makeHabit, mockApi } from "@/testing/render";
import { routes } from "./router";
import { dayFromParam } from "./routes/today";

const user = {
  id: 1,
  email: "a@example.com",
  timezone: "UTC",
  day_start_hour: 0,
  week_start: 0,
  language: "en",
};
const habit = makeHabit({ id: 3, name: "Walk" });

function renderApp(entries: string[]) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes, {
    initialEntries: entries,
    initialIndex: entries.length - 1,
  });
  render(
    <I18nProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <RouterProvider router={router} />
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return router;
}

function api() {
  return mockApi({
    "GET /api/auth/me": () => ({ status: 200, body: user }),
    "GET /api/today": ({ url }) => ({
      status: 200,
      body: { date: new URL(url, "http://x").searchParams.get("date"), items: [] },
    }),
    "GET /api/habits/3": () => ({ status: 200, body: habit }),
    "PATCH /api/habits/3": ({ body }) => ({ status: 200, body: { ...habit, ...(body as object) } }),
    "GET /api/habits/3/stats": () => ({ status: 500, body: { detail: "not needed" } }),
    "GET /api/habits/3/entries": () => ({ status: 200, body: [] }),
  });
}

describe("routes", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads the day from ?date= for any earlier day, and today otherwise", () => {
    expect(dayFromParam("2019-11-30", "2025-06-04")).toBe("2019-11-30");
    expect(dayFromParam("2025-06-05", "2025-06-04")).toBe("2025-06-04");
    expect(dayFromParam("1899-12-31", "2025-06-04")).toBe("2025-06-04");
    expect(dayFromParam("not-a-day", "2025-06-04")).toBe("2025-06-04");
    expect(dayFromParam(null, "2025-06-04")).toBe("2025-06-04");
  });

  it("opens Today on a day long past and says which day it is", async () => {
    const { calls } = api();
    renderApp(["/?date=2019-11-30"]);
    const heading = await screen.findByRole("heading", { level: 1 });
    expect(heading).toHaveTextContent(/Saturday/);
    expect(heading).toHaveTextContent(/2019/);
    expect(document.title).toMatch(/2019/);
    await waitFor(() =>
      expect(calls.some((c) => c.url.includes("/api/today?date=2019-11-30"))).toBe(true),
    );
    expect(screen.getByRole("link", { name: "Back to today" })).toBeInTheDocument();
  });

  it("returns to the habit after saving an edit started there, with focus on its heading", async () => {
    api();
    const router = renderApp(["/habits/3", "/habits/3/edit"]);
    await userEvent.click(await screen.findByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/habits/3"));
    const heading = await screen.findByRole("heading", { name: "Walk", level: 1 });
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("returns to the habit after saving an edit opened directly", async () => {
    api();
    const router = renderApp(["/habits/3/edit"]);
    await userEvent.click(await screen.findByRole("button", { name: "Save changes" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/habits/3"));
  });

  it("moves focus to the new page's heading when the route changes", async () => {
    api();
    renderApp(["/"]);
    await screen.findByRole("heading", { name: "Today", level: 1 });
    await userEvent.click(screen.getByRole("link", { name: "Settings" }));
    const heading = await screen.findByRole(
      "heading",
      { name: "Settings", level: 1 },
      { timeout: 15_000 },
    );
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("moves focus to the list's heading after example habits are added", async () => {
    const created: unknown[] = [];
    mockApi({
      "GET /api/auth/me": () => ({ status: 200, body: user }),
      "GET /api/today": () => ({
        status: 200,
        body: {
          date: "2025-06-04",
          items: created.map((_, i) => ({
            habit: makeHabit({ id: i + 1, name: `Habit ${i + 1}` }),
            due: true,
            done: false,
            before_start: false,
            limit: null,
            entry: null,
            current_streak: 0,
            best_streak: 0,
            score: 0,
            period_progress: { done: 0, target: 1 },
          })),
        },
      }),
      "POST /api/habits": ({ body }) => {
        created.push(body);
        return { status: 201, body: makeHabit({ id: created.length }) };
      },
    });
    renderApp(["/"]);
    await userEvent.click(await screen.findByRole("button", { name: "Add 4 example habits" }));
    const heading = await screen.findByRole("heading", { name: "Due", level: 2 });
    await waitFor(() => expect(heading).toHaveFocus());
  });
});
