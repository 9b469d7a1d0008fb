import { i18n } from "@lingui/core";
import { I18nProvider } from "@lingui/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactElement } from "react";
import { MemoryRouter } from "react-router";
import { vi } from "vitest";
import { ToastProvider } from "@/components/toast-provider";
import type { Habit } from "@/types/api";

export function renderWithProviders(ui: ReactElement, { route = "/" }: { route?: string } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } },
  });
  const result = render(
    <I18nProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>
          <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...result, queryClient };
}

type Handler = (request: { url: string; method: string; body: unknown }) => {
  status: number;
  body?: unknown;
  delay?: Promise<void>;
};

/**
 * Replace fetch with a router of handlers keyed by "METHOD /path" (the query
 * string is ignored). Every call is recorded in `calls`.
 */
export function mockApi(handlers: Record<string, Handler>) {
  document.cookie = "csrftoken=test-token; path=/";
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    // The typed client (openapi-fetch) passes a Request with an absolute URL; api.* a path.
    const request = input instanceof Request ? input : null;
    const url = request ? request.url.replace(window.location.origin, "") : String(input);
    const method = (request?.method ?? init?.method ?? "GET").toUpperCase();
    const text = request ? await request.clone().text() : init?.body;
    const body = typeof text === "string" && text ? JSON.parse(text) : undefined;
    calls.push({ method, url, body });
    const path = url.split("?")[0];
    const handler = handlers[`${method} ${path}`];
    if (!handler) return new Response(JSON.stringify({ detail: "Not found" }), { status: 404 });
    const answer = handler({ url, method, body });
    if (answer.delay) await answer.delay;
    return new Response(answer.status === 204 ? null : JSON.stringify(answer.body ?? null), {
      status: answer.status,
      headers: { "Content-Type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, fetchMock };
}

export function makeHabit(overrides: Partial<Habit> = {}): Habit {
  return {
    id: 1,
    name: "Read",
    description: "",
    color: "#2f7d5b",
    icon: "📚",
    kind: "boolean",
    unit: "",
    target: 1,
    target_type: "at_least",
    schedule: { type: "daily" },
    start_date: "2025-01-01",
    position: 0,
    archived: false,
    reminder_time: null,
    step: 1,
    ...overrides,
  };
}

/** A promise plus its resolve function, to hold a response back. */
export function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
