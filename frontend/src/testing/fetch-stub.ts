import { vi } from "vitest";

export type StubRequest = {
  method: string;
  url: URL;
  body: unknown;
  signal: AbortSignal | null | undefined;
};

type Handler = (request: StubRequest) => Response | Promise<Response>;

/** A JSON response; made fresh per call because a body can be read only once. */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });
}

export function validationError(attr: string | null, detail: string, status = 400): Response {
  const type =
    status >= 500 ? "server_error" : status === 400 ? "validation_error" : "client_error";
  return jsonResponse({ type, errors: [{ code: "invalid", detail, attr }] }, status);
}

/** The backend's answer to a client that sent too many requests. */
export function throttled(retryAfterSeconds: number): Response {
  return new Response(
    JSON.stringify({
      type: "client_error",
      errors: [
        {
          code: "throttled",
          detail: `Request was throttled. Expected available in ${retryAfterSeconds} seconds.`,
          attr: null,
        },
      ],
    }),
    {
      status: 429,
      headers: { "Content-Type": "application/json", "Retry-After": String(retryAfterSeconds) },
    },
  );
}

/** A response the test releases by hand, to hold a request in flight. */
export function deferred() {
  let resolve!: (response: Response) => void;
  const promise = new Promise<Response>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}

function abortable(result: Promise<Response>, signal: AbortSignal | null | undefined) {
  if (!signal) {
    return result;
  }
  return new Promise<Response>((resolve, reject) => {
    const abort = () => reject(new DOMException("The operation was aborted.", "AbortError"));
    if (signal.aborted) {
      abort();
      return;
    }
    signal.addEventListener("abort", abort);
    result.then(resolve, reject);
  });
}

/**
 * Replaces `fetch` with routes keyed by "METHOD /path/" (query string ignored for the
 * match). Unrouted requests fail the test loudly instead of hanging.
 */
export function stubFetch(routes: Record<string, Handler>) {
  const requests: StubRequest[] = [];
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), window.location.origin);
    const method = init?.method ?? "GET";
    const body = typeof init?.body === "string" ? JSON.parse(init.body) : undefined;
    const request = { method, url, body, signal: init?.signal };
    requests.push(request);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) {
      throw new Error(`No stub for ${method} ${url.pathname}`);
    }
    return abortable(Promise.resolve(handler(request)), init?.signal);
  });
  vi.stubGlobal("fetch", mock);
  return {
    mock,
    requests,
    /** Requests made so far to one route. */
    to: (method: string, pathname: string) =>
      requests.filter((r) => r.method === method && r.url.pathname === pathname),
  };
}
