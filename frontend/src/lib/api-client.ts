/**
 * The one fetch wrapper. Every error the backend sends has one shape
 * (`{"type", "errors": [{"code", "detail", "attr"}]}`); it becomes an `ApiError`
 * whose field messages forms can show under their inputs.
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

  constructor(
    status: number,
    type: ApiErrorType,
    errors: ApiErrorItem[],
    retryAfterSeconds: number | null = null,
  ) {
    super(errors.map((item) => item.detail).join(" ") || `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.type = type;
    this.errors = errors;
    this.retryAfterSeconds = retryAfterSeconds;
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

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.type, body.errors, retryAfter);
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
  method?: "GET" | "POST" | "PATCH";
  body?: unknown;
  signal?: AbortSignal;
};

export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = "GET", body, signal } = options;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // Cancellation is not a failure: TanStack Query needs to see the AbortError itself.
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiError(0, "network_error", [
      { code: "network", detail: "Cannot reach the server. Check your connection.", attr: null },
    ]);
  }
  if (!response.ok) {
    throw await toApiError(response);
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
