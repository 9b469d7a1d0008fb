import { i18n } from "@lingui/core";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadMessages } from "@/lib/i18n";
import {
  ApiError,
  authClient,
  client,
  dataOf,
  parseErrorBody,
  resetCsrfToken,
  setUnauthorizedHandler,
} from "./api-client";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

describe("api client", () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    resetCsrfToken();
    document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
    vi.stubGlobal("fetch", fetchMock);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
  });

  it("fetches a CSRF token first when no cookie is set, then sends the JSON body", async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { csrf_token: "tok123" }))
      .mockResolvedValueOnce(json(201, { id: 7 }));
    await dataOf(client.POST("/api/groups", { body: { name: "Morning" } }));
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/auth/csrf");
    const request = fetchMock.mock.calls[1]![0] as Request;
    expect(request.method).toBe("POST");
    expect(request.headers.get("X-CSRFToken")).toBe("tok123");
    expect(request.headers.get("Content-Type")).toBe("application/json");
    expect(await request.text()).toBe(JSON.stringify({ name: "Morning" }));
  });

  it("prefers the csrftoken cookie and answers a 204 with no data", async () => {
    document.cookie = "csrftoken=fromcookie; path=/";
    fetchMock.mockResolvedValueOnce(json(204, null));
    const answer = await dataOf(
      client.DELETE("/api/habits/{habit_id}", { params: { path: { habit_id: 1 } } }),
    );
    expect(answer).toBeUndefined();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const request = fetchMock.mock.calls[0]![0] as Request;
    expect(new URL(request.url).pathname).toBe("/api/habits/1");
    expect(request.headers.get("X-CSRFToken")).toBe("fromcookie");
  });

  it("leaves a 401 to the caller on the auth client, without the log-in redirect", async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(json(401, { detail: "Unauthorized" }));
    const error = await dataOf(authClient.GET("/api/auth/me")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(handler).not.toHaveBeenCalled();
  });

  it("reports Retry-After on a throttled log-in", async () => {
    document.cookie = "csrftoken=t; path=/";
    fetchMock.mockResolvedValueOnce(
      json(429, { detail: "Too many login attempts." }, { "Retry-After": "30" }),
    );
    const error = (await dataOf(
      authClient.POST("/api/auth/login", { body: { email: "a@example.com", password: "x" } }),
    ).catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfter).toBe(30);
    expect(error.message).toContain("30 seconds");
  });

  it("says when to try again in the language on screen, and asks for it", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    document.cookie = "csrftoken=t; path=/";
    fetchMock.mockResolvedValueOnce(
      json(429, { detail: "Zu viele Anmeldeversuche." }, { "Retry-After": "1" }),
    );
    const error = (await dataOf(
      authClient.POST("/api/auth/login", { body: { email: "a@example.com", password: "x" } }),
    ).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe("Zu viele Anmeldeversuche. Versuch es in 1 Sekunde noch einmal.");
    const request = fetchMock.mock.calls[0]![0] as Request;
    expect(request.headers.get("Accept-Language")).toBe("de");
  });

  it("says a lost connection in the language on screen", async () => {
    i18n.loadAndActivate({ locale: "fr", messages: await loadMessages("fr") });
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const error = (await dataOf(client.GET("/api/habits")).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toBe("Erreur réseau : vérifiez votre connexion et réessayez.");
  });
});

describe("parseErrorBody", () => {
  it("keeps string details as the message", () => {
    expect(parseErrorBody(401, { detail: "Invalid email or password." })).toEqual({
      message: "Invalid email or password.",
      fieldErrors: {},
    });
  });

  it("names nested schedule errors by their top-level field", () => {
    const { fieldErrors } = parseErrorBody(422, {
      detail: [{ loc: ["body", "payload", "schedule", "days"], msg: "Value error, pick a day" }],
    });
    expect(fieldErrors).toEqual({ schedule: "pick a day" });
  });

  it("falls back to a status message", () => {
    expect(parseErrorBody(500, null).message).toMatch(/server/);
  });

  it("falls back to a status message in the language on screen", async () => {
    i18n.loadAndActivate({ locale: "ar", messages: await loadMessages("ar") });
    expect(parseErrorBody(403, null).message).toBe("غير مسموح لك بفعل ذلك.");
    expect(parseErrorBody(418, null).message).toBe("فشل الطلب (418).");
  });
});

describe("a 422's summary in another language", () => {
  it("names a known field in that language and leaves an unknown one unnamed", async () => {
    i18n.loadAndActivate({ locale: "de", messages: await loadMessages("de") });
    const { message, fieldErrors } = parseErrorBody(422, {
      detail: [
        { type: "string_too_long", loc: ["body", "payload", "color"], msg: "Höchstens 7 Zeichen." },
        { type: "value_error", loc: ["body", "payload", "mystery_field"], msg: "Ungültig." },
      ],
    });
    expect(message).toBe("Farbe: Höchstens 7 Zeichen. Ungültig.");
    expect(fieldErrors).toEqual({ color: "Höchstens 7 Zeichen.", mystery_field: "Ungültig." });
  });
});
