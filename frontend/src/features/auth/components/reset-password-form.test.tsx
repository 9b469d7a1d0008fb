import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mockApi, renderWithProviders } from "@/testing/render";
import { ResetPasswordForm } from "./reset-password-form";

const user = {
  id: 1,
  email: "a@example.com",
  timezone: "UTC",
  day_start_hour: 0,
  week_start: 0,
  language: "en",
};

async function fill(password: string, repeat = password) {
  await userEvent.type(screen.getByLabelText("New password"), password);
  await userEvent.type(screen.getByLabelText("Repeat new password"), repeat);
  await userEvent.click(screen.getByRole("button", { name: "Set password and log in" }));
}

describe("ResetPasswordForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sets the new password with the link's uid and token and signs in", async () => {
    const { calls } = mockApi({
      "POST /api/auth/password-reset/confirm": () => ({ status: 200, body: user }),
    });
    const onSuccess = vi.fn();
    const { queryClient } = renderWithProviders(
      <ResetPasswordForm uid="MQ" token="abc-123" onSuccess={onSuccess} />,
    );
    await fill("a brand new passphrase");
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(calls.at(-1)?.body).toEqual({
      uid: "MQ",
      token: "abc-123",
      new_password: "a brand new passphrase",
    });
    expect(queryClient.getQueryData(["me"])).toEqual(user);
  });

  it("offers a new link when this one is no longer valid", async () => {
    mockApi({
      "POST /api/auth/password-reset/confirm": () => ({
        status: 400,
        body: { detail: "This link is no longer valid. Ask for a new one." },
      }),
    });
    renderWithProviders(<ResetPasswordForm uid="MQ" token="used" onSuccess={() => {}} />);
    await fill("a brand new passphrase");
    expect(await screen.findByRole("alert")).toHaveTextContent("no longer valid");
    expect(screen.getByRole("link", { name: "Ask for a new link" })).toHaveAttribute(
      "href",
      "/forgot-password",
    );
  });

  it("shows the server's password rules next to the field", async () => {
    mockApi({
      "POST /api/auth/password-reset/confirm": () => ({
        status: 422,
        body: {
          detail: [{ loc: ["body", "new_password"], msg: "This password is too common." }],
        },
      }),
    });
    renderWithProviders(<ResetPasswordForm uid="MQ" token="t" onSuccess={() => {}} />);
    await fill("password123");
    expect(await screen.findByText("This password is too common.")).toBeInTheDocument();
  });

  it("refuses two different passwords before sending", async () => {
    const { calls } = mockApi({});
    renderWithProviders(<ResetPasswordForm uid="MQ" token="t" onSuccess={() => {}} />);
    await fill("a brand new passphrase", "another one entirely");
    expect(await screen.findByText("The passwords don't match.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("says the link is broken when it carries no token", () => {
    renderWithProviders(<ResetPasswordForm uid="" token="" onSuccess={() => {}} />);
    expect(screen.getByRole("alert")).toHaveTextContent("no longer valid");
  });
});
