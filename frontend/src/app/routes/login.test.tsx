import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/toast-provider";
import { makeHabit, mockApi } from "@/testing/render";
import { routes } from "../router";

const user = {
  id: 1,
  email: "a@example.com",
  timezone: "UTC",
  day_start_hour: 0,
  week_start: 0,
  language: "en",
};

function renderApp(path: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
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

function signedOut() {
  return mockApi({
    "GET /api/auth/me": () => ({ status: 401, body: { detail: "Not signed in." } }),
    "POST /api/auth/login": () => ({ status: 200, body: user }),
    "POST /api/auth/register": () => ({ status: 201, body: user }),
    "GET /api/today": () => ({ status: 200, body: { date: "2025-06-04", items: [] } }),
    "GET /api/habits/3": () => ({ status: 200, body: makeHabit({ id: 3, name: "Walk" }) }),
    "GET /api/habits/3/stats": () => ({ status: 500, body: { detail: "Not needed here." } }),
    "GET /api/habits/3/entries": () => ({ status: 200, body: [] }),
  });
}

async function logIn() {
  await userEvent.type(await screen.findByLabelText("Email"), "a@example.com");
  await userEvent.type(screen.getByLabelText("Password"), "secret-pass");
  await userEvent.click(screen.getByRole("button", { name: "Log in" }));
}

describe("LoginRoute", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("moves focus to Today's heading after logging in", async () => {
    signedOut();
    const router = renderApp("/login");
    await logIn();
    const heading = await screen.findByRole("heading", { name: "Today", level: 1 });
    expect(router.state.location.pathname).toBe("/");
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("moves focus to the heading of the page it returns to, once that page has loaded", async () => {
    signedOut();
    const router = renderApp("/login?next=%2Fhabits%2F3");
    await logIn();
    const heading = await screen.findByRole("heading", { name: "Walk", level: 1 });
    expect(router.state.location.pathname).toBe("/habits/3");
    await waitFor(() => expect(heading).toHaveFocus());
  });

  it("moves focus to Today's heading after signing up", async () => {
    signedOut();
    renderApp("/register");
    await userEvent.type(await screen.findByLabelText("Email"), "a@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "secret-pass");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    const heading = await screen.findByRole("heading", { name: "Today", level: 1 });
    await waitFor(() => expect(heading).toHaveFocus());
  });
});
