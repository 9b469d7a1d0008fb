import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/testing/render";
import { LoginForm } from "./login-form";

const user = {
  id: 1,
  email: "a@example.com",
  timezone: "UTC",
  day_start_hour: 0,
  week_start: 0,
  language: "en",
};

describe("LoginForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("logs in and stores the user", async () => {
    const { calls } = mockApi({ "POST /api/auth/login": () => ({ status: 200, body: user }) });
    const onSuccess = vi.fn();
    const { queryClient } = renderWithProviders(<LoginForm onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText("Email"), "a@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "secret-pass");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(calls[0]?.body).toEqual({ email: "a@example.com", password: "secret-pass" });
    expect(queryClient.getQueryData(["me"])).toEqual(user);
  });

  it("shows the API's message on bad credentials", async () => {
    mockApi({
      "POST /api/auth/login": () => ({
        status: 401,
        body: { detail: "Invalid email or password." },
      }),
    });
    renderWithProviders(<LoginForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText("Email"), "a@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "wrong");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid email or password.");
  });

  it("checks the email before sending", async () => {
    const { calls } = mockApi({});
    renderWithProviders(<LoginForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText("Email"), "not-an-email");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByText("Enter a valid email address.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
