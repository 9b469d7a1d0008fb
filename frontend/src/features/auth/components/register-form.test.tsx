import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { i18n } from "@lingui/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { mockApi, renderWithProviders } from "@/testing/render";
import { browserTimezone } from "@/utils/dates";
import { RegisterForm } from "./register-form";

describe("RegisterForm", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("proposes the browser's timezone and signs up in the language on screen", async () => {
    vi.stubGlobal("navigator", { ...navigator, language: "en-US", onLine: true });
    const { calls } = mockApi({
      "POST /api/auth/register": ({ body }) => ({
        status: 201,
        body: { id: 1, ...(body as object) },
      }),
    });
    const onSuccess = vi.fn();
    renderWithProviders(<RegisterForm onSuccess={onSuccess} />);
    expect(screen.getByLabelText("Timezone")).toHaveValue(browserTimezone());
    await userEvent.type(screen.getByLabelText("Email"), "new@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "long-enough");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    await waitFor(() => expect(onSuccess).toHaveBeenCalled());
    expect(calls[0]?.body).toEqual({
      email: "new@example.com",
      password: "long-enough",
      timezone: browserTimezone(),
      language: "en",
      // English in the United States: weeks start on Sunday.
      week_start: 6,
    });
  });

  it("signs up in German with Monday as the first day of the week", async () => {
    vi.stubGlobal("navigator", { ...navigator, language: "de-DE", onLine: true });
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    const { calls } = mockApi({
      "POST /api/auth/register": ({ body }) => ({
        status: 201,
        body: { id: 1, ...(body as object) },
      }),
    });
    renderWithProviders(<RegisterForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText("E-Mail"), "neu@example.com");
    await userEvent.type(screen.getByLabelText("Passwort"), "kurz");
    await userEvent.click(screen.getByRole("button", { name: "Konto erstellen" }));
    expect(await screen.findByText("Verwende mindestens 8 Zeichen.")).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Passwort"), "-aber-lang-genug");
    await userEvent.click(screen.getByRole("button", { name: "Konto erstellen" }));
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.body).toMatchObject({ language: "de", week_start: 0 });
  });

  it("shows field errors from the server", async () => {
    mockApi({
      "POST /api/auth/register": () => ({
        status: 422,
        body: {
          detail: [{ loc: ["body", "payload", "email"], msg: "This email is already registered." }],
        },
      }),
    });
    renderWithProviders(<RegisterForm onSuccess={() => {}} />);
    await userEvent.type(screen.getByLabelText("Email"), "taken@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "long-enough");
    await userEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByText("This email is already registered.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
  });
});
