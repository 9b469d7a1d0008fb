import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/testing/render";
import { ForgotPasswordForm } from "./forgot-password-form";

const SENT = "If an account exists for that address, we sent it a link.";

describe("ForgotPasswordForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("asks for a link and shows the one answer every address gets", async () => {
    const { calls } = mockApi({
      "POST /api/auth/password-reset": () => ({ status: 202, body: { detail: SENT } }),
    });
    renderWithProviders(<ForgotPasswordForm />);
    await userEvent.type(screen.getByLabelText("Email"), " ada@example.com ");
    await userEvent.click(screen.getByRole("button", { name: "Send me a link" }));
    expect(await screen.findByText(SENT)).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({ email: "ada@example.com" });
  });

  it("says when to try again after too many requests", async () => {
    mockApi({
      "POST /api/auth/password-reset": () => ({
        status: 429,
        body: { detail: "Too many requests for links; try again later." },
      }),
    });
    renderWithProviders(<ForgotPasswordForm />);
    await userEvent.type(screen.getByLabelText("Email"), "ada@example.com");
    await userEvent.click(screen.getByRole("button", { name: "Send me a link" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Too many requests");
  });

  it("checks the address before sending", async () => {
    const { calls } = mockApi({});
    renderWithProviders(<ForgotPasswordForm />);
    await userEvent.type(screen.getByLabelText("Email"), "not-an-address");
    await userEvent.click(screen.getByRole("button", { name: "Send me a link" }));
    expect(await screen.findByText("Enter a valid email address.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });
});
