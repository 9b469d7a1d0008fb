import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18n } from "@lingui/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { mockApi, renderWithProviders } from "@/testing/render";
import { DeleteAccount } from "./delete-account";
import { PasswordForm } from "./password-form";
import { ProfileForm } from "./profile-form";

const user = {
  id: 1,
  email: "a@example.com",
  timezone: "UTC",
  day_start_hour: 0,
  week_start: 0,
  language: "en",
};

describe("settings", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("saves day start and week start", async () => {
    const { calls } = mockApi({
      "PATCH /api/auth/me": ({ body }) => ({ status: 200, body: { ...user, ...(body as object) } }),
    });
    renderWithProviders(<ProfileForm user={user} />);
    await userEvent.selectOptions(screen.getByLabelText("New day starts at"), "4");
    await userEvent.selectOptions(screen.getByLabelText("Week starts on"), "Sunday");
    await userEvent.click(screen.getByRole("button", { name: "Save preferences" }));
    expect(await screen.findByText("Preferences saved.")).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({ timezone: "UTC", day_start_hour: 4, week_start: 6 });
  });

  it("offers the weekdays and hours in the language on screen", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    const { calls } = mockApi({
      "PATCH /api/auth/me": ({ body }) => ({ status: 200, body: { ...user, ...(body as object) } }),
    });
    renderWithProviders(<ProfileForm user={user} />);
    expect(screen.getByRole("option", { name: "Sonntag" })).toBeInTheDocument();
    expect(screen.getByRole("option", { name: "04:00" })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Woche beginnt am"), "Samstag");
    await userEvent.click(screen.getByRole("button", { name: "Einstellungen speichern" }));
    expect(await screen.findByText("Einstellungen gespeichert.")).toBeInTheDocument();
    expect(calls[0]?.body).toMatchObject({ week_start: 5 });
  });

  it("refuses mismatched new passwords", async () => {
    const { calls } = mockApi({});
    renderWithProviders(<PasswordForm />);
    await userEvent.type(screen.getByLabelText("Current password"), "old-password");
    await userEvent.type(screen.getByLabelText("New password"), "new-password");
    await userEvent.type(screen.getByLabelText("Repeat new password"), "other-password");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("The passwords don't match.")).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it("changes the password", async () => {
    const { calls } = mockApi({ "POST /api/auth/password": () => ({ status: 204 }) });
    renderWithProviders(<PasswordForm />);
    await userEvent.type(screen.getByLabelText("Current password"), "old-password");
    await userEvent.type(screen.getByLabelText("New password"), "new-password");
    await userEvent.type(screen.getByLabelText("Repeat new password"), "new-password");
    await userEvent.click(screen.getByRole("button", { name: "Change password" }));
    expect(await screen.findByText("Password changed.")).toBeInTheDocument();
    expect(calls[0]?.body).toEqual({
      current_password: "old-password",
      new_password: "new-password",
    });
  });

  it("deletes the account only with the password", async () => {
    const { calls } = mockApi({ "DELETE /api/auth/me": () => ({ status: 204 }) });
    const onDeleted = vi.fn();
    renderWithProviders(<DeleteAccount onDeleted={onDeleted} />);
    await userEvent.click(screen.getByRole("button", { name: "Delete account…" }));
    const confirm = screen.getByRole("button", { name: "Delete my account" });
    expect(confirm).toBeDisabled();
    await userEvent.type(screen.getByLabelText("Confirm with your password"), "secret-pass");
    await userEvent.click(confirm);
    await waitFor(() => expect(onDeleted).toHaveBeenCalled());
    expect(calls[0]).toMatchObject({ method: "DELETE", body: { password: "secret-pass" } });
  });
});
