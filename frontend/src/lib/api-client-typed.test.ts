import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError, client, dataOf, resetCsrfToken, setUnauthorizedHandler } from "./api-client";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The Request the typed client passed to fetch. */
function sent(fetchMock: ReturnType<typeof vi.fn<typeof fetch>>, call: number): Request {
  return fetchMock.mock.calls[call]![0] as Request;
}

describe("the typed client (openapi-fetch) keeps the session's rules", () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    resetCsrfToken();
    document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/";
    vi.stubGlobal("fetch", fetchMock);
  });

  afterEach(() => {
    fetchMock.mockReset();
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    setUnauthorizedHandler(null);
  });

  it("reads with the path and query filled in, same-origin, without a CSRF header", async () => {
    fetchMock.mockResolvedValueOnce(json(200, [{ id: 1, name: "Read" }]));
    const habits = await dataOf(
      client.GET("/api/habits", { params: { query: { archived: false } } }),
    );
    expect(habits).toEqual([{ id: 1, name: "Read" }]);
    const request = sent(fetchMock, 0);
    expect(new URL(request.url).pathname + new URL(request.url).search).toBe(
      "/api/habits?archived=false",
    );
    expect(request.credentials).toBe("same-origin");
    expect(request.headers.get("X-CSRFToken")).toBeNull();
  });

  it("sends the CSRF token on a write and retries once with a fresh one after a 403", async () => {
    document.cookie = "csrftoken=stale; path=/";
    fetchMock
      .mockResolvedValueOnce(json(403, { detail: "CSRF failed" }))
      .mockImplementationOnce(async () => {
        document.cookie = "csrftoken=fresh; path=/";
        return json(200, { csrf_token: "fresh" });
      })
      .mockResolvedValueOnce(json(204, null));
    await dataOf(client.DELETE("/api/tokens/{token_id}", { params: { path: { token_id: 7 } } }));
    expect(sent(fetchMock, 0).headers.get("X-CSRFToken")).toBe("stale");
    expect(new URL(sent(fetchMock, 0).url).pathname).toBe("/api/tokens/7");
    expect(fetchMock.mock.calls[1]![0]).toBe("/api/auth/csrf");
    expect(sent(fetchMock, 2).headers.get("X-CSRFToken")).toBe("fresh");
    expect(sent(fetchMock, 2).method).toBe("DELETE");
  });

  it("throws the API's validation errors as an ApiError naming the field", async () => {
    document.cookie = "csrftoken=t; path=/";
    fetchMock.mockResolvedValueOnce(
      json(422, {
        detail: [{ type: "value_error", loc: ["body", "payload", "name"], msg: "Field required" }],
      }),
    );
    const error = await dataOf(
      client.POST("/api/tokens", { body: { name: "", scope: "read" } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).fieldErrors).toEqual({ name: "Field required" });
    expect(await sent(fetchMock, 0).clone().json()).toEqual({ name: "", scope: "read" });
  });

  it("says how long to wait on 429 and sends a 401 to the log-in handler", async () => {
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    fetchMock
      .mockResolvedValueOnce(json(429, { detail: "Too many requests." }, { "Retry-After": "30" }))
      .mockResolvedValueOnce(json(401, { detail: "Authentication required" }));
    const throttled = await dataOf(client.GET("/api/tokens")).catch((e: unknown) => e);
    expect((throttled as ApiError).retryAfter).toBe(30);
    expect((throttled as ApiError).message).toMatch(/Try again in 30 seconds/);
    const signedOut = await dataOf(client.GET("/api/tokens")).catch((e: unknown) => e);
    expect((signedOut as ApiError).status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("turns a network failure into a readable ApiError and refuses writes offline at once", async () => {
    fetchMock.mockRejectedValueOnce(new TypeError("Failed to fetch"));
    const failed = await dataOf(client.GET("/api/tokens")).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ApiError);
    expect((failed as ApiError).status).toBe(0);

    vi.spyOn(navigator, "onLine", "get").mockReturnValue(false);
    const offline = await dataOf(
      client.POST("/api/tokens", { body: { name: "Scale", scope: "write" } }),
    ).catch((e: unknown) => e);
    expect((offline as ApiError).message).toMatch(/needs a connection/);
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
