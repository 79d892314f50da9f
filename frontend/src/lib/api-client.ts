/**
 * The one fetch wrapper, for the API (`/api/`) and the sign-in endpoints (`/_allauth/`).
 * Every error the API sends has one shape (`{"type", "errors": [{"code", "detail",
 * "attr"}]}`), the sign-in endpoints another (`{"status", "errors": [{"code", "message",
 * "param"}]}`); both become an `ApiError` whose field messages forms can show under
 * their inputs.
 *
 * The session is a cookie, so every request that changes something carries the CSRF
 * token Django puts in the `csrftoken` cookie. A 401 from the API means the session is
 * gone: listeners registered with `onSignedOut` hear of it.
 */

export type ApiErrorType = "validation_error" | "client_error" | "server_error" | "network_error";

export type ApiErrorItem = {
  code: string;
  detail: string;
  attr: string | null;
};

export class ApiError extends Error {
  readonly status: number;
  readonly type: ApiErrorType;
  readonly errors: ApiErrorItem[];
  /** How long the server asked us to wait (Retry-After), if it said. */
  readonly retryAfterSeconds: number | null;
  /** The parsed error body, for answers that say more than errors (allauth's flows). */
  readonly body: unknown;

  constructor(
    status: number,
    type: ApiErrorType,
    errors: ApiErrorItem[],
    retryAfterSeconds: number | null = null,
    body: unknown = null,
  ) {
    super(errors.map((item) => item.detail).join(" ") || `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.type = type;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
    this.body = body;
  }

  /** The server refused because this client sent too many requests (429). */
  get isThrottled(): boolean {
    return this.status === 429;
  }

  /** Messages per field name, for errors that are about one input. */
  get fieldErrors(): Record<string, string[]> {
    const byField: Record<string, string[]> = {};
    for (const item of this.errors) {
      if (item.attr) {
        byField[item.attr] = [...(byField[item.attr] ?? []), item.detail];
      }
    }
    return byField;
  }

  /** Messages that belong to no field (or to a field the caller does not show). */
  otherMessages(shownFields: readonly string[] = []): string[] {
    return this.errors
      .filter((item) => !item.attr || !shownFields.includes(item.attr))
      .map((item) => (item.attr ? `${item.attr}: ${item.detail}` : item.detail));
  }
}

function isErrorBody(body: unknown): body is { type: ApiErrorType; errors: ApiErrorItem[] } {
  return (
    typeof body === "object" &&
    body !== null &&
    "type" in body &&
    "errors" in body &&
    Array.isArray(body.errors)
  );
}

/** Retry-After holds either a number of seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | null {
  const text = value?.trim();
  if (!text) {
    return null;
  }
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

type AllauthErrorItem = { code: string; message: string; param?: string };

function isAllauthBody(body: unknown): body is { status: number; errors?: AllauthErrorItem[] } {
  return typeof body === "object" && body !== null && "status" in body;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.type, body.errors, retryAfter, body);
  }
  if (isAllauthBody(body)) {
    const errors = (body.errors ?? []).map((item) => ({
      code: item.code,
      detail: item.message,
      attr: item.param ?? null,
    }));
    const type =
      response.status >= 500
        ? "server_error"
        : response.status === 400
          ? "validation_error"
          : "client_error";
    return new ApiError(response.status, type, errors, retryAfter, body);
  }
  // A proxy or a crashed server can answer without the JSON error shape.
  const type = response.status >= 500 ? "server_error" : "client_error";
  const detail = `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(
    response.status,
    type,
    [{ code: "unexpected", detail, attr: null }],
    retryAfter,
  );
}

type RequestOptions = {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  signal?: AbortSignal;
};

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Only our own backend gets the CSRF token: never a URL on another origin. */
const CSRF_PATHS = ["/api/", "/_allauth/"];

/** Django's CSRF cookie, set by GET /api/config/ (and renewed when one signs in). */
export function readCsrfToken(): string | null {
  for (const cookie of document.cookie.split(";")) {
    const [name, ...value] = cookie.trim().split("=");
    if (name === "csrftoken") {
      return decodeURIComponent(value.join("="));
    }
  }
  return null;
}

type SignedOutListener = () => void;
const signedOutListeners = new Set<SignedOutListener>();

/** Hears every 401 from the API (the session expired or was ended elsewhere). */
export function onSignedOut(listener: SignedOutListener): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

function headersFor(path: string, method: string, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (hasBody) {
    headers["Content-Type"] = "application/json";
  }
  const csrfToken = readCsrfToken();
  if (!SAFE_METHODS.has(method) && csrfToken && CSRF_PATHS.some((p) => path.startsWith(p))) {
    headers["X-CSRFToken"] = csrfToken;
  }
  return headers;
}

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      credentials: "same-origin",
      headers: headersFor(path, method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // Cancellation is not a failure: TanStack Query needs to see the AbortError itself.
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError(0, "network_error", [
      {
        code: "network",
        detail: "You are offline or the server cannot be reached; nothing was sent.",
        attr: null,
      },
    ]);
  }
  if (!response.ok) {
    // allauth answers 401 for "not signed in" as an ordinary state; its callers decide.
    if (response.status === 401 && path.startsWith("/api/")) {
      for (const listener of signedOutListeners) {
        listener();
      }
    }
    throw await toApiError(response);
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

/**
 * The backend's paging links are absolute URLs built from its own host name, which is
 * wrong behind the dev proxy; keep only the path and query so they go to our origin.
 */
export function toRelativeUrl(url: string): string {
  const parsed = new URL(url, window.location.origin);
  return `${parsed.pathname}${parsed.search}`;
}
