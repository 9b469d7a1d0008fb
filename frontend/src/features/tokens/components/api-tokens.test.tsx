import { i18n } from "@lingui/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { mockApi, renderWithProviders } from "@/testing/render";
import type { ApiToken } from "../api/types";
import { ApiTokens } from "./api-tokens";

const RAW = "hbt_" + "A".repeat(43);

function token(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id: 1,
    name: "Home Assistant",
    scope: "read",
    prefix: RAW.slice(0, 12),
    created_at: "2026-06-01T10:00:00Z",
    last_used_at: null,
    expires_at: null,
    ...overrides,
  };
}

describe("API tokens in Settings", () => {
  it("creates a token, shows it once, and lists it without the secret", async () => {
    let tokens: ApiToken[] = [];
    const { calls } = mockApi({
      "GET /api/tokens": () => ({ status: 200, body: tokens }),
      "POST /api/tokens": ({ body }) => {
        tokens = [token({ scope: (body as { scope: "read" | "write" }).scope })];
        return { status: 201, body: { ...tokens[0], token: RAW } };
      },
    });
    renderWithProviders(<ApiTokens />);
    expect(await screen.findByText("No tokens yet.")).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText("Name"), "Home Assistant");
    await userEvent.selectOptions(screen.getByLabelText("Access"), "write");
    await userEvent.click(screen.getByRole("button", { name: "Create token" }));

    expect(await screen.findByLabelText("Your new token")).toHaveValue(RAW);
    expect(screen.getByText(/shown this once/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      name: "Home Assistant",
      scope: "write",
      expires_at: null,
    });
    const row = await screen.findByRole("listitem");
    expect(within(row).getByText("Read and write")).toBeInTheDocument();
    expect(row.textContent).not.toContain(RAW);

    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByDisplayValue(RAW)).not.toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Create token" })).toBeInTheDocument();
  });

  it("sends the end of the chosen expiry day and asks for a name first", async () => {
    const { calls } = mockApi({
      "GET /api/tokens": () => ({ status: 200, body: [] }),
      "POST /api/tokens": () => ({ status: 201, body: { ...token(), token: RAW } }),
    });
    renderWithProviders(<ApiTokens />);
    await userEvent.click(await screen.findByRole("button", { name: "Create token" }));
    expect(await screen.findByText("Name the token after what will use it.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);

    await userEvent.type(screen.getByLabelText("Name"), "Scale");
    await userEvent.type(screen.getByLabelText("Expires"), "2030-03-04");
    await userEvent.click(screen.getByRole("button", { name: "Create token" }));
    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(1));
    const sent = calls.find((c) => c.method === "POST")!.body as { expires_at: string };
    expect(new Date(sent.expires_at).getTime()).toBe(new Date("2030-03-04T23:59:59").getTime());
  });

  it("shows the server's reason next to the expiry field", async () => {
    mockApi({
      "GET /api/tokens": () => ({ status: 200, body: [] }),
      "POST /api/tokens": () => ({
        status: 422,
        body: { detail: [{ loc: ["body", "expires_at"], msg: "must be in the future" }] },
      }),
    });
    renderWithProviders(<ApiTokens />);
    await userEvent.type(await screen.findByLabelText("Name"), "Old");
    await userEvent.type(screen.getByLabelText("Expires"), "2001-01-01");
    await userEvent.click(screen.getByRole("button", { name: "Create token" }));
    expect(await screen.findByText("must be in the future")).toBeInTheDocument();
  });

  it("revokes a token after confirming, with Cancel as the safe default", async () => {
    let tokens = [token({ last_used_at: "2026-06-02T08:00:00Z" }), token({ id: 2, name: "NFC" })];
    const { calls } = mockApi({
      "GET /api/tokens": () => ({ status: 200, body: tokens }),
      "DELETE /api/tokens/1": () => {
        tokens = tokens.filter((t) => t.id !== 1);
        return { status: 204 };
      },
    });
    renderWithProviders(<ApiTokens />);
    expect(await screen.findByText(/last used/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Revoke Home Assistant" }));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await userEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    await waitFor(() => expect(screen.getAllByRole("listitem")).toHaveLength(1));
    expect(screen.getByText("NFC")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.url)).toEqual(["/api/tokens/1"]);
  });

  it("marks an expired token", async () => {
    mockApi({
      "GET /api/tokens": () => ({
        status: 200,
        body: [token({ expires_at: "2020-01-01T00:00:00Z" })],
      }),
    });
    renderWithProviders(<ApiTokens />);
    expect(await screen.findByText("Expired")).toBeInTheDocument();
  });

  it("speaks German: labels, the shown-once warning, dates and the form's own errors", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    mockApi({
      "GET /api/tokens": () => ({
        status: 200,
        body: [token({ scope: "write", expires_at: "2020-01-01T00:00:00Z" })],
      }),
      "POST /api/tokens": () => ({ status: 201, body: { ...token(), token: RAW } }),
    });
    renderWithProviders(<ApiTokens />);
    const row = await screen.findByRole("listitem");
    expect(within(row).getByText("Lesen und schreiben")).toBeInTheDocument();
    expect(within(row).getByText("Abgelaufen")).toBeInTheDocument();
    const created = new Intl.DateTimeFormat("de", { dateStyle: "medium", timeStyle: "short" });
    expect(row).toHaveTextContent(
      `erstellt am ${created.format(new Date("2026-06-01T10:00:00Z"))}`,
    );
    expect(row).toHaveTextContent("nie genutzt");
    expect(within(row).getByRole("button", { name: "Home Assistant widerrufen" })).toBeVisible();

    await userEvent.click(screen.getByRole("button", { name: "Token erstellen" }));
    expect(
      await screen.findByText("Benenne das Token nach dem, was es nutzen wird."),
    ).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Name"), "Waage");
    await userEvent.click(screen.getByRole("button", { name: "Token erstellen" }));
    expect(await screen.findByLabelText("Dein neues Token")).toHaveValue(RAW);
    expect(
      screen.getByText(
        "Kopiere es jetzt: Es wird nur dieses eine Mal angezeigt und ist danach nicht mehr zu sehen.",
      ),
    ).toBeInTheDocument();
  });

  it("speaks Arabic, with Arabic dates and the revoke dialog", async () => {
    i18n.loadAndActivate({ locale: "ar", messages: await loadMessages("ar") });
    mockApi({ "GET /api/tokens": () => ({ status: 200, body: [token()] }) });
    renderWithProviders(<ApiTokens />);
    const row = await screen.findByRole("listitem");
    expect(within(row).getByText("قراءة فقط")).toBeInTheDocument();
    const created = new Intl.DateTimeFormat("ar", { dateStyle: "medium", timeStyle: "short" });
    expect(row).toHaveTextContent(`أُنشئ في ${created.format(new Date("2026-06-01T10:00:00Z"))}`);
    expect(row).toHaveTextContent("بلا تاريخ انتهاء");
    expect(screen.getByRole("heading", { name: "رموزك" })).toBeInTheDocument();

    await userEvent.click(within(row).getByRole("button", { name: "إبطال Home Assistant" }));
    const dialog = screen.getByRole("dialog", { name: "هل تريد إبطال «Home Assistant»؟" });
    expect(within(dialog).getByRole("button", { name: "إلغاء" })).toHaveFocus();
    expect(within(dialog).getByRole("button", { name: "إبطال الرمز" })).toBeInTheDocument();
  });
});
