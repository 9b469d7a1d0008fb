import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  api,
  ApiError,
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
    vi.stubGlobal("fetch", fetchMock);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    setUnauthorizedHandler(null);
  });

  it("sends same-origin GETs without a CSRF token", async () => {
    fetchMock.mockResolvedValueOnce(json(200, [{ id: 1 }]));
    const data = await api.get<{ id: number }[]>("/api/habits", { params: { archived: false } });
    expect(data).toEqual([{ id: 1 }]);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("/api/habits?archived=false");
    expect(init?.credentials).toBe("same-origin");
    expect((init?.headers as Record<string, string>)["X-CSRFToken"]).toBeUndefined();
  });

  it("fetches a CSRF token first when no cookie is set", async () => {
    fetchMock
      .mockResolvedValueOnce(json(200, { csrf_token: "tok123" }))
      .mockResolvedValueOnce(json(201, { id: 7 }));
    await api.post("/api/habits", { name: "Read" });
    expect(fetchMock.mock.calls[0]![0]).toBe("/api/auth/csrf");
    const init = fetchMock.mock.calls[1]![1]!;
    expect((init.headers as Record<string, string>)["X-CSRFToken"]).toBe("tok123");
    expect(init.body).toBe(JSON.stringify({ name: "Read" }));
  });

  it("prefers the csrftoken cookie", async () => {
    document.cookie = "csrftoken=fromcookie; path=/";
    fetchMock.mockResolvedValueOnce(json(204, null));
    await api.delete("/api/habits/1");
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const init = fetchMock.mock.calls[0]![1]!;
    expect((init.headers as Record<string, string>)["X-CSRFToken"]).toBe("fromcookie");
  });

  it("retries once with a fresh token after a CSRF failure", async () => {
    document.cookie = "csrftoken=stale; path=/";
    fetchMock
      .mockResolvedValueOnce(json(403, { detail: "CSRF check failed" }))
      .mockImplementationOnce(async () => {
        // The CSRF view sets a fresh cookie, as Django does.
        document.cookie = "csrftoken=fresh; path=/";
        return json(200, { csrf_token: "fresh" });
      })
      .mockResolvedValueOnce(json(200, { ok: true }));
    await expect(api.patch("/api/auth/me", { week_start: 6 })).resolves.toEqual({ ok: true });
    const init = fetchMock.mock.calls[2]![1]!;
    expect((init.headers as Record<string, string>)["X-CSRFToken"]).toBe("fresh");
  });

  it("surfaces field errors from django-ninja validation", async () => {
    document.cookie = "csrftoken=t; path=/";
    fetchMock.mockResolvedValueOnce(
      json(422, {
        detail: [{ loc: ["body", "payload", "name"], msg: "Field required", type: "missing" }],
      }),
    );
    const error = await api.post("/api/habits", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldErrors).toEqual({ name: "Field required" });
    expect((error as ApiError).message).toBe("Name: Field required");
  });

  it("reports Retry-After on 429", async () => {
    document.cookie = "csrftoken=t; path=/";
    fetchMock.mockResolvedValueOnce(
      json(429, { detail: "Too many login attempts." }, { "Retry-After": "30" }),
    );
    const error = (await api
      .post("/api/auth/login", {}, { skipAuthRedirect: true })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.retryAfter).toBe(30);
    expect(error.message).toContain("30 seconds");
  });

  it("calls the unauthorized handler on 401 unless told not to", async () => {
    const handler = vi.fn();
    setUnauthorizedHandler(handler);
    fetchMock.mockResolvedValueOnce(json(401, { detail: "Unauthorized" }));
    await expect(api.get("/api/today")).rejects.toBeInstanceOf(ApiError);
    expect(handler).toHaveBeenCalledTimes(1);

    fetchMock.mockResolvedValueOnce(json(401, { detail: "Unauthorized" }));
    await expect(api.get("/api/auth/me", { skipAuthRedirect: true })).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it("turns network failures into a readable error", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    await expect(api.get("/api/today")).rejects.toThrow(/Network error/);
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
});

describe("api client offline", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
  });

  it("refuses a write at once, saying it needs a connection", async () => {
    const fetchMock = vi.fn<typeof fetch>();
    vi.stubGlobal("fetch", fetchMock);
    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const error = await api.post("/api/habits", { name: "Swim" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/needs a connection/);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
