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

  constructor(status: number, type: ApiErrorType, errors: ApiErrorItem[]) {
    super(errors.map((item) => item.detail).join(" ") || `Request failed (${status})`);
    this.name = "ApiError";
    this.status = status;
    this.type = type;
    this.errors = errors;
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

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) {
    return new ApiError(response.status, body.type, body.errors);
  }
  // A proxy or a crashed server can answer without the JSON error shape.
  const type = response.status >= 500 ? "server_error" : "client_error";
  const detail = `The server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, type, [{ code: "unexpected", detail, attr: null }]);
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
