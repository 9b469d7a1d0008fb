// A small typed client for the same-origin JSON API.
//
// Django protects unsafe methods with CSRF: the token lives in the
// `csrftoken` cookie (set by GET /api/auth/csrf) and must be echoed in the
// X-CSRFToken header. Django rotates the token on login, so the cookie is
// read on every request and the fetched value is only a fallback.

import { i18n, type MessageDescriptor } from "@lingui/core";
import { msg, plural, t } from "@lingui/core/macro";
import createClient, { type Middleware } from "openapi-fetch";
import { activeLocale } from "@/lib/i18n/catalogs";
import type { paths } from "@/types/openapi.gen";
import { noteApiResponse } from "./connection";

export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly fieldErrors: FieldErrors;
  readonly retryAfter: number | null;
  readonly body: unknown;

  constructor(
    status: number,
    message: string,
    options: { fieldErrors?: FieldErrors; retryAfter?: number | null; body?: unknown } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.fieldErrors = options.fieldErrors ?? {};
    this.retryAfter = options.retryAfter ?? null;
    this.body = options.body;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const UNSAFE: ReadonlySet<Method> = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const PUBLIC_PATHS = [
  "/login",
  "/register",
  "/forgot-password",
  "/reset-password",
  "/confirm-email",
];

let fetchedCsrfToken: string | null = null;
let unauthorizedHandler: (() => void) | null = null;

/** The app installs a router-aware handler; the default reloads on /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

function handleUnauthorized(): void {
  if (PUBLIC_PATHS.includes(window.location.pathname)) return;
  if (unauthorizedHandler) {
    unauthorizedHandler();
    return;
  }
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  window.location.assign(`/login?next=${next}`);
}

export function readCookie(name: string): string | null {
  for (const part of document.cookie.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** Forget the cached token, e.g. after login or logout rotated it. */
export function resetCsrfToken(): void {
  fetchedCsrfToken = null;
}

export async function getCsrfToken(forceRefresh = false): Promise<string> {
  if (!forceRefresh) {
    const fromCookie = readCookie("csrftoken");
    if (fromCookie) return fromCookie;
    if (fetchedCsrfToken) return fetchedCsrfToken;
  }
  const response = await fetch("/api/auth/csrf", {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new ApiError(response.status, t`Could not start a secure session.`);
  const data = (await response.json()) as { csrf_token?: string };
  fetchedCsrfToken = readCookie("csrftoken") ?? data.csrf_token ?? null;
  if (!fetchedCsrfToken) {
    throw new ApiError(response.status, t`Could not start a secure session.`);
  }
  return fetchedCsrfToken;
}

type NinjaErrorItem = { loc?: unknown[]; msg?: string };

/** Turn the API's error body into a readable message and per-field errors. */
export function parseErrorBody(
  status: number,
  body: unknown,
): { message: string; fieldErrors: FieldErrors } {
  const fieldErrors: FieldErrors = {};
  let message = defaultMessage(status);
  if (body && typeof body === "object" && "detail" in body) {
    const detail = (body as { detail: unknown }).detail;
    if (typeof detail === "string") {
      message = detail;
    } else if (Array.isArray(detail)) {
      const messages: string[] = [];
      for (const item of detail as NinjaErrorItem[]) {
        const msg = cleanMessage(item.msg ?? t`Invalid value`);
        const field = fieldName(item.loc);
        if (field && !(field in fieldErrors)) fieldErrors[field] = msg;
        const label = field ? fieldLabel(field) : null;
        messages.push(label ? t`${label}: ${msg}` : msg);
      }
      if (messages.length > 0) message = messages.join(" ");
    }
  }
  return { message, fieldErrors };
}

function fieldName(loc: unknown[] | undefined): string | null {
  if (!Array.isArray(loc)) return null;
  // django-ninja prefixes locations with "body" and the payload's argument
  // name; the field is the first string after those.
  const parts = loc.filter((p): p is string => typeof p === "string");
  const rest = parts.filter((p, i) => !(i === 0 && ["body", "query", "path", "form"].includes(p)));
  const withoutPayload =
    rest.length > 1 && ["payload", "data", "body"].includes(rest[0]!) ? rest.slice(1) : rest;
  return withoutPayload[0] ?? null;
}

function cleanMessage(msg: string): string {
  return msg.replace(/^Value error, /, "");
}

/** The API's input fields, named as the forms name them, in the language on screen. */
const FIELD_LABELS: Record<string, MessageDescriptor> = {
  name: msg`Name`,
  description: msg`Description`,
  color: msg`Colour`,
  icon: msg`Icon`,
  unit: msg`Unit`,
  target: msg`Target`,
  target_type: msg`Target type`,
  step: msg`Step`,
  schedule: msg`Schedule`,
  start_date: msg`Start date`,
  reminder_time: msg`Reminder time`,
  time: msg`Time`,
  weekdays: msg`Weekdays`,
  channels: msg`Channels`,
  email: msg`Email`,
  new_email: msg`New email`,
  password: msg`Password`,
  current_password: msg`Current password`,
  new_password: msg`New password`,
  timezone: msg`Time zone`,
  day_start_hour: msg`Day start hour`,
  week_start: msg`Week start`,
  language: msg`Language`,
  url: msg`URL`,
  events: msg`Events`,
  note: msg`Note`,
  value: msg`Value`,
  date: msg`Date`,
  group_id: msg`Group`,
  expires_at: msg`Expiry date`,
  scope: msg`Scope`,
};

/** A field's name for the error summary; a field we do not know is named only in English. */
function fieldLabel(field: string): string | null {
  const known = FIELD_LABELS[field];
  if (known) return i18n._(known);
  if (activeLocale() !== "en") return null;
  const text = field.replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function defaultMessage(status: number): string {
  if (status === 400) return t`The request was malformed.`;
  if (status === 401) return t`Please log in.`;
  if (status === 403) return t`You are not allowed to do that.`;
  if (status === 404) return t`Not found.`;
  if (status === 429) return t`Too many attempts. Please wait and try again.`;
  if (status >= 500) return t`The server had a problem. Please try again.`;
  return t`Request failed (${status}).`;
}

/** Said when a write is tried offline (read at call time, so it is in the language on screen). */
export function offlineWriteMessage(): string {
  return t`You are offline. This change needs a connection: try again when you are back online.`;
}

/** The ApiError for a failed answer: a readable message, per-field errors, Retry-After. */
async function apiErrorFrom(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  const { message, fieldErrors } = parseErrorBody(response.status, body);
  const retryHeader = response.headers.get("Retry-After");
  const retryAfter = retryHeader ? Number.parseInt(retryHeader, 10) : null;
  const finalMessage =
    response.status === 429 && retryAfter
      ? plural(retryAfter, {
          one: `${message} Try again in # second.`,
          other: `${message} Try again in # seconds.`,
        })
      : message;
  return new ApiError(response.status, finalMessage, { fieldErrors, retryAfter, body });
}

// --- The typed client generated from the OpenAPI document (issue 16) -----------------------
//
// `client.GET("/api/habits/{habit_id}/stats", { params: { path: { habit_id } } })` checks the
// path, parameters, body and answer against src/types/openapi.gen.ts; every call in the app
// goes through it (there is no path-string helper left). The session's rules are middleware:
// the CSRF header on writes (refreshed and sent once more after a 403), writes refused at once
// while offline (check-ins are queued before they get here, by lib/offline-queue), 401 sends the
// person to log in (not on `authClient`), and every failed answer or network error is thrown as
// an ApiError, so `data` is there when it returns (undefined for a 204).

/** A write's body as text (null for none), to send it once more after a CSRF refresh. */
const retries = new WeakMap<Request, string | null>();

/** The request again with a fresh CSRF header and its body given as text. */
async function withCsrf(request: Request, body: string | null, refresh: boolean) {
  const headers = new Headers(request.headers);
  headers.set("X-CSRFToken", await getCsrfToken(refresh));
  return new Request(request, { headers, body });
}

/** The session's rules; `redirectOn401` is off for calls where 401 is an expected answer. */
function sessionRules(redirectOn401: boolean): Middleware {
  return {
    async onRequest({ request }) {
      // The API's messages come back in the language on screen (it follows the account's).
      request.headers.set("Accept-Language", activeLocale());
      const method = request.method as Method;
      if (!UNSAFE.has(method)) return request;
      if (typeof navigator !== "undefined" && !navigator.onLine) {
        throw new ApiError(0, offlineWriteMessage());
      }
      // The body is read once as text and the request rebuilt with it, rather than kept with
      // Request.clone(): a clone's body is a stream, which the browser then sends as one, so a
      // service worker, the browser's network tools and Playwright see no request body.
      const body = request.body === null ? null : await request.text();
      const prepared = await withCsrf(request, body, false);
      retries.set(prepared, body);
      return prepared;
    },
    async onResponse({ request, response }) {
      let answer = response;
      // A 403 on an unsafe method is usually a stale CSRF token: refresh it once.
      if (answer.status === 403 && retries.has(request)) {
        answer = await globalThis.fetch(await withCsrf(request, retries.get(request)!, true));
      }
      if (answer.status === 401 && redirectOn401) handleUnauthorized();
      if (!answer.ok) throw await apiErrorFrom(answer);
      if (request.method === "GET") noteApiResponse(answer);
      return answer;
    },
    onError({ error }) {
      if (error instanceof ApiError) return error;
      if (error instanceof DOMException && error.name === "AbortError") return error;
      return new ApiError(0, t`Network error: check your connection and try again.`);
    },
  };
}

export const sessionMiddleware: Middleware = sessionRules(true);

function typedClient(middleware: Middleware) {
  const typed = createClient<paths>({
    // An absolute base: Request needs one outside a browser (tests), and it is this origin.
    baseUrl: typeof window === "undefined" ? "" : window.location.origin,
    credentials: "same-origin",
    headers: { Accept: "application/json" },
    // Looked up at call time, so a test's stubbed fetch is the one used.
    fetch: (input: Request) => globalThis.fetch(input),
  });
  typed.use(middleware);
  return typed;
}

export const client = typedClient(sessionMiddleware);

/**
 * The same client for calls where 401 is an expected answer (log in, "who am I", a wrong
 * current password): the ApiError is thrown as usual, but nobody is sent to the login page.
 */
export const authClient = typedClient(sessionRules(false));

/** The data of a typed call; failures were already thrown as ApiError by the middleware. */
export async function dataOf<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}

/** A message fit for people, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return t`Something went wrong.`;
}

export function fieldErrorsOf(error: unknown): FieldErrors {
  return error instanceof ApiError ? error.fieldErrors : {};
}
