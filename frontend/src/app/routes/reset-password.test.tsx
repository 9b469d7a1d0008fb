import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ToastProvider } from "@/components/toast-provider";
import { mockApi } from "@/testing/render";
import { routes } from "../router";

const user = {
  id: 1,
  email: "a@example.com",
  timezone: "UTC",
  day_start_hour: 0,
  week_start: 0,
  language: "en",
};

function renderAt(entry: string) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const router = createMemoryRouter(routes, { initialEntries: [entry] });
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

describe("links from e-mails", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads the reset link's fragment, drops it from the address and lands on Today", async () => {
    const { calls } = mockApi({
      "GET /api/auth/me": () => ({ status: 401, body: { detail: "Authentication required" } }),
      "POST /api/auth/password-reset/confirm": () => ({ status: 200, body: user }),
    });
    const router = renderAt("/reset-password#uid=MQ&token=abc-123");
    await screen.findByRole("heading", { name: "Choose a new password" });
    await waitFor(() => expect(router.state.location.hash).toBe(""));
    await userEvent.type(screen.getByLabelText("New password"), "a brand new passphrase");
    await userEvent.type(screen.getByLabelText("Repeat new password"), "a brand new passphrase");
    await userEvent.click(screen.getByRole("button", { name: "Set password and log in" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/"));
    const confirm = calls.find((c) => c.url === "/api/auth/password-reset/confirm");
    expect(confirm?.body).toEqual({
      uid: "MQ",
      token: "abc-123",
      new_password: "a brand new passphrase",
    });
  });

  it("confirms a new e-mail address once when its link opens", async () => {
    const { calls } = mockApi({
      "GET /api/auth/me": () => ({ status: 401, body: { detail: "Authentication required" } }),
      "POST /api/auth/email-change/confirm": () => ({
        status: 200,
        body: { email: "ada@new.example" },
      }),
    });
    renderAt("/confirm-email#token=signed-token");
    expect(
      await screen.findByText(/Your e-mail address is now ada@new.example/),
    ).toBeInTheDocument();
    const confirms = calls.filter((c) => c.url === "/api/auth/email-change/confirm");
    expect(confirms.map((c) => c.body)).toEqual([{ token: "signed-token" }]);
  });

  it("links the login screen to the forgotten-password form", async () => {
    mockApi({
      "GET /api/auth/me": () => ({ status: 401, body: { detail: "Authentication required" } }),
    });
    const router = renderAt("/login");
    await userEvent.click(await screen.findByRole("link", { name: "Forgot your password?" }));
    await screen.findByRole("heading", { name: "Forgot your password?" });
    expect(router.state.location.pathname).toBe("/forgot-password");
  });
});
