import { i18n } from "@lingui/core";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { loadMessages } from "@/lib/i18n";
import { mockApi, renderWithProviders } from "@/testing/render";
import type { Delivery, Webhook } from "../api/types";
import { Webhooks } from "./webhooks";

const SECRET = "whsec_" + "A".repeat(43) + "=";

function hook(overrides: Partial<Webhook> = {}): Webhook {
  return {
    id: 7,
    url: "https://ha.example.com/api/webhook/habits",
    events: ["entry.updated"],
    enabled: true,
    disabled_at: null,
    disabled_reason: "",
    failing_since: null,
    previous_secret_until: null,
    created_at: "2026-06-01T10:00:00Z",
    ...overrides,
  };
}

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  return {
    id: 31,
    event_id: "msg_1",
    event_type: "entry.updated",
    habit_id: 3,
    status: "delivered",
    attempts: 1,
    response_code: 200,
    duration_ms: 42,
    error: "",
    created_at: "2026-06-01T10:05:00Z",
    last_attempt_at: "2026-06-01T10:05:00Z",
    next_attempt_at: "2026-06-01T10:05:00Z",
    delivered_at: "2026-06-01T10:05:00Z",
    ...overrides,
  };
}

describe("Webhooks in Settings", () => {
  it("adds a webhook with the chosen events and shows its secret once", async () => {
    let hooks: Webhook[] = [];
    const { calls } = mockApi({
      "GET /api/webhooks": () => ({ status: 200, body: hooks }),
      "POST /api/webhooks": () => {
        hooks = [hook({ events: ["entry.updated", "habit.created"] })];
        return { status: 201, body: { ...hooks[0], secret: SECRET } };
      },
    });
    renderWithProviders(<Webhooks />);
    expect(await screen.findByText("No webhooks yet.")).toBeInTheDocument();

    await userEvent.type(
      screen.getByLabelText(/Address/),
      "https://ha.example.com/api/webhook/habits",
    );
    await userEvent.click(screen.getByLabelText("Habit created"));
    await userEvent.click(screen.getByRole("button", { name: "Add webhook" }));

    expect(await screen.findByLabelText("Signing secret")).toHaveValue(SECRET);
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      url: "https://ha.example.com/api/webhook/habits",
      events: ["entry.updated", "habit.created"],
    });
    const row = await screen.findByRole("listitem");
    expect(row).toHaveTextContent("Check-in made or changed, Habit created");
    expect(row.textContent).not.toContain(SECRET);
    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByDisplayValue(SECRET)).not.toBeInTheDocument();
  });

  it("asks for an https address and an event before sending anything", async () => {
    const { calls } = mockApi({ "GET /api/webhooks": () => ({ status: 200, body: [] }) });
    renderWithProviders(<Webhooks />);
    await userEvent.type(await screen.findByLabelText(/Address/), "ftp://example.com");
    await userEvent.click(screen.getByLabelText("Check-in made or changed"));
    await userEvent.click(screen.getByRole("button", { name: "Add webhook" }));
    expect(await screen.findByText("Start it with https://")).toBeInTheDocument();
    expect(screen.getByText("Pick at least one event.")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
  });

  it("rotates the secret, shows the new one once and says until when the old one still signs", async () => {
    const until = "2026-06-02T10:00:00Z";
    let hooks = [hook()];
    const { calls } = mockApi({
      "GET /api/webhooks": () => ({ status: 200, body: hooks }),
      "POST /api/webhooks/7/rotate-secret": () => {
        hooks = [hook({ previous_secret_until: until })];
        return { status: 200, body: { secret: SECRET, previous_secret_until: until } };
      },
    });
    renderWithProviders(<Webhooks />);
    const row = await screen.findByRole("listitem");
    expect(row).not.toHaveTextContent("previous secret");
    await userEvent.click(within(row).getByRole("button", { name: "Rotate secret" }));

    expect(await screen.findByLabelText("Signing secret")).toHaveValue(SECRET);
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(1);
    const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date(until),
    );
    expect(
      await screen.findByText(
        `Until ${when}, deliveries are signed with the previous secret too, so a receiver not yet updated keeps accepting them.`,
      ),
    ).toBeInTheDocument();
  });

  it("says why a webhook was disabled and turns it back on", async () => {
    const reason =
      "Disabled on 2026-06-02 10:00 UTC after a day of failed deliveries (answered 500: not 2xx).";
    const { calls } = mockApi({
      "GET /api/webhooks": () => ({
        status: 200,
        body: [
          hook({ enabled: false, disabled_reason: reason, disabled_at: "2026-06-02T10:00:00Z" }),
        ],
      }),
      "PATCH /api/webhooks/7": () => ({ status: 200, body: hook() }),
    });
    renderWithProviders(<Webhooks />);
    const row = await screen.findByRole("listitem");
    const when = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short" }).format(
      new Date("2026-06-02T10:00:00Z"),
    );
    expect(within(row).getByRole("alert")).toHaveTextContent(
      `Disabled on ${when} after a day of failed deliveries (last error: answered 500: not 2xx). Nothing is sent to it until you enable it.`,
    );
    await userEvent.click(within(row).getByRole("button", { name: "Enable" }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === "PATCH")?.body).toEqual({ enabled: true }),
    );
  });

  it("lists the deliveries with status, code and time, and re-sends one", async () => {
    const { calls } = mockApi({
      "GET /api/webhooks": () => ({ status: 200, body: [hook()] }),
      "GET /api/webhooks/7/deliveries": () => ({
        status: 200,
        body: [
          delivery(),
          delivery({ id: 30, status: "failed", response_code: 503, duration_ms: 5000 }),
        ],
      }),
      "POST /api/webhooks/7/deliveries/30/resend": () => ({
        status: 202,
        body: delivery({ id: 30, status: "pending" }),
      }),
    });
    renderWithProviders(<Webhooks />);
    await userEvent.click(await screen.findByRole("button", { name: "Deliveries" }));
    const rows = await screen.findAllByRole("row");
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent(
      /Check-in made or changed.*entry\.updated.*delivered.*200.*42 ms/,
    );
    expect(rows[2]).toHaveTextContent(/failed.*503.*5,000 ms/);
    await userEvent.click(within(rows[2]!).getByRole("button", { name: /^Resend/ }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/30/resend"))).toBe(true),
    );
  });

  it("speaks German: event labels, the secret warning, the deliveries table and its statuses", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    mockApi({
      "GET /api/webhooks": () => ({
        status: 200,
        body: [hook({ events: ["entry.updated", "habit.created", "habit.deleted"] })],
      }),
      "GET /api/webhooks/7/deliveries": () => ({
        status: 200,
        body: [delivery({ status: "failed", response_code: 503, duration_ms: 5000, attempts: 12 })],
      }),
      "POST /api/webhooks/7/rotate-secret": () => ({
        status: 200,
        body: { secret: SECRET, previous_secret_until: "2026-06-02T10:00:00Z" },
      }),
    });
    renderWithProviders(<Webhooks />);
    const row = await screen.findByRole("listitem");
    expect(row).toHaveTextContent(
      "Check-in gemacht oder geändert, Gewohnheit angelegt und Gewohnheit gelöscht",
    );
    expect(screen.getByRole("group", { name: "Ereignisse" })).toBeInTheDocument();
    expect(screen.getByLabelText("Check-in entfernt")).not.toBeChecked();

    await userEvent.click(within(row).getByRole("button", { name: "Zustellungen" }));
    const table = await screen.findByRole("table");
    const headers = within(table)
      .getAllByRole("columnheader")
      .map((cell) => cell.textContent);
    expect(headers).toEqual([
      "Zeitpunkt",
      "Ereignis",
      "Status",
      "Code",
      "Dauer",
      "Versuche",
      "Aktionen",
    ]);
    const cells = within(table).getAllByRole("cell");
    expect(cells[1]).toHaveTextContent("Check-in gemacht oder geändert entry.updated");
    expect(cells[2]).toHaveTextContent("fehlgeschlagen");
    expect(cells[4]).toHaveTextContent("5.000 ms");
    expect(
      within(table).getByRole("button", { name: /^„Check-in gemacht oder geändert“ vom/ }),
    ).toBeVisible();

    await userEvent.click(within(row).getByRole("button", { name: "Signaturschlüssel erneuern" }));
    expect(await screen.findByLabelText("Signaturschlüssel")).toHaveValue(SECRET);
    expect(screen.getByRole("heading", { name: "Neuer Signaturschlüssel" })).toBeInTheDocument();
    expect(screen.getByText(/Er wird nur dieses eine Mal angezeigt/)).toBeInTheDocument();
  });

  it("speaks Arabic: why a webhook is off, its badge and the delete dialog", async () => {
    i18n.loadAndActivate({ locale: "ar", messages: await loadMessages("ar") });
    mockApi({
      "GET /api/webhooks": () => ({
        status: 200,
        body: [
          hook({
            enabled: false,
            disabled_reason: "Disabled by you.",
            disabled_at: "2026-06-02T10:00:00Z",
          }),
        ],
      }),
    });
    renderWithProviders(<Webhooks />);
    const row = await screen.findByRole("listitem");
    expect(within(row).getByText("معطَّل")).toBeInTheDocument();
    expect(within(row).getByRole("alert")).toHaveTextContent(
      "عطّلته أنت. لن يُرسَل إليه شيء حتى تفعّله.",
    );
    expect(row).toHaveTextContent("تسجيل جديد أو معدَّل");
    expect(within(row).getByRole("button", { name: "تفعيل" })).toBeInTheDocument();

    await userEvent.click(
      within(row).getByRole("button", {
        name: "حذف خطاف الويب https://ha.example.com/api/webhook/habits",
      }),
    );
    const dialog = screen.getByRole("dialog", { name: "هل تريد حذف خطاف الويب هذا؟" });
    expect(dialog).toHaveTextContent(
      "لن يُرسَل أي شيء بعد الآن إلى https://ha.example.com/api/webhook/habits",
    );
    expect(within(dialog).getByRole("button", { name: "إلغاء" })).toHaveFocus();
  });
});
