import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
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
    const when = new Date(until).toLocaleString(undefined, {
      dateStyle: "medium",
      timeStyle: "short",
    });
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
    expect(within(row).getByRole("alert")).toHaveTextContent(reason);
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
    expect(rows[1]).toHaveTextContent(/delivered.*200.*42 ms/);
    expect(rows[2]).toHaveTextContent(/failed.*503.*5000 ms/);
    await userEvent.click(within(rows[2]!).getByRole("button", { name: /^Resend/ }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/30/resend"))).toBe(true),
    );
  });
});
