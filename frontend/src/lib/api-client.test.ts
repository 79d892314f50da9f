import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonResponse, stubFetch, throttled } from "@/testing/fetch-stub";
import { ApiError, apiRequest, onSignedOut, toRelativeUrl } from "./api-client";

async function rejectionOf(request: Promise<unknown>): Promise<ApiError> {
  try {
    await request;
  } catch (error) {
    return error as ApiError;
  }
  throw new Error("The request should have failed");
}

describe("apiRequest", () => {
  it("sends JSON and returns the parsed body", async () => {
    const api = stubFetch({ "POST /api/things/": ({ body }) => jsonResponse({ echo: body }, 201) });

    await expect(apiRequest("/api/things/", { method: "POST", body: { a: 1 } })).resolves.toEqual({
      echo: { a: 1 },
    });
    const [, init] = api.mock.mock.calls[0];
    expect(new Headers(init?.headers).get("Content-Type")).toBe("application/json");
  });

  it("turns the backend's error body into per-field messages", async () => {
    stubFetch({
      "POST /api/tickets/": () =>
        jsonResponse(
          {
            type: "validation_error",
            errors: [
              { code: "required", detail: "This field is required.", attr: "title" },
              { code: "max_length", detail: "Too long.", attr: "title" },
              { code: "invalid", detail: "Something else is wrong.", attr: null },
            ],
          },
          400,
        ),
    });

    const error = await rejectionOf(apiRequest("/api/tickets/", { method: "POST", body: {} }));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.type).toBe("validation_error");
    expect(error.fieldErrors).toEqual({ title: ["This field is required.", "Too long."] });
    expect(error.otherMessages(["title"])).toEqual(["Something else is wrong."]);
    expect(error.otherMessages()).toContain("title: Too long.");
  });

  it("says how long a throttled client should wait", async () => {
    stubFetch({ "POST /api/tickets/classify/": () => throttled(42) });

    const error = await rejectionOf(apiRequest("/api/tickets/classify/", { method: "POST" }));

    expect(error.isThrottled).toBe(true);
    expect(error.retryAfterSeconds).toBe(42);
    expect(error.message).toBe("Request was throttled. Expected available in 42 seconds.");
  });

  it("reads a Retry-After given as a date, and has none when the header is absent", async () => {
    vi.setSystemTime(new Date("2026-11-24T10:00:00Z"));
    stubFetch({
      "GET /api/tickets/": () =>
        new Response(null, {
          status: 503,
          headers: { "Retry-After": "Tue, 24 Nov 2026 10:00:30 GMT" },
        }),
      "GET /api/tickets/stats/": () => jsonResponse({ type: "server_error", errors: [] }, 500),
    });

    const unavailable = await rejectionOf(apiRequest("/api/tickets/"));
    const failed = await rejectionOf(apiRequest("/api/tickets/stats/"));

    expect(unavailable.retryAfterSeconds).toBe(30);
    expect(unavailable.isThrottled).toBe(false);
    expect(failed.retryAfterSeconds).toBeNull();
  });

  it("reports an answer without the error shape as a server error", async () => {
    stubFetch({
      "GET /api/tickets/": () =>
        new Response("<html>Bad gateway</html>", { status: 502, statusText: "Bad Gateway" }),
    });

    const error = await rejectionOf(apiRequest("/api/tickets/"));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.type).toBe("server_error");
    expect(error.message).toBe("The server answered 502 Bad Gateway");
  });

  it("reports an unreachable server as a network error", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));

    const error = await rejectionOf(apiRequest("/api/health/"));

    expect(error).toBeInstanceOf(ApiError);
    expect(error.type).toBe("network_error");
    expect(error.status).toBe(0);
    expect(error.message).toBe(
      "You are offline or the server cannot be reached; nothing was sent.",
    );
  });

  it("lets a cancelled request fail as an AbortError", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockRejectedValue(new DOMException("The operation was aborted.", "AbortError")),
    );

    const error = await rejectionOf(apiRequest("/api/health/"));

    expect(error).not.toBeInstanceOf(ApiError);
    expect(error.name).toBe("AbortError");
  });
});

describe("apiRequest and the session", () => {
  const setCookie = (value: string) => {
    // biome-ignore lint/suspicious/noDocumentCookie: what Django sets, as the browser sees it
    document.cookie = value;
  };

  afterEach(() => {
    // biome-ignore lint/suspicious/noDocumentCookie: what Django sets, as the browser sees it
    document.cookie = "csrftoken=; expires=Thu, 01 Jan 1970 00:00:00 GMT";
  });

  it("sends the CSRF cookie's token on every change, to the API and to allauth", async () => {
    setCookie("csrftoken=abc%3D123");
    setCookie("other=1");
    const api = stubFetch({
      "POST /api/tickets/": () => jsonResponse({}, 201),
      "PATCH /api/me/": () => jsonResponse({}),
      "DELETE /api/me/tokens/3/": () => new Response(null, { status: 204 }),
      "POST /_allauth/browser/v1/auth/login": () => jsonResponse({ status: 200 }),
      "GET /api/tickets/": () => jsonResponse({}),
    });

    await apiRequest("/api/tickets/", { method: "POST", body: {} });
    await apiRequest("/api/me/", { method: "PATCH", body: { name: "A" } });
    await apiRequest("/api/me/tokens/3/", { method: "DELETE" });
    await apiRequest("/_allauth/browser/v1/auth/login", { method: "POST", body: {} });
    await apiRequest("/api/tickets/");

    const tokens = api.mock.mock.calls.map(([, init]) =>
      new Headers(init?.headers).get("X-CSRFToken"),
    );
    expect(tokens).toEqual(["abc=123", "abc=123", "abc=123", "abc=123", null]);
  });

  it("answers a 204 with nothing", async () => {
    stubFetch({ "DELETE /api/me/tokens/3/": () => new Response(null, { status: 204 }) });

    await expect(apiRequest("/api/me/tokens/3/", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("tells the listeners when the API says the session is gone (401)", async () => {
    const listener = vi.fn();
    const stop = onSignedOut(listener);
    stubFetch({
      "GET /api/tickets/": () =>
        jsonResponse(
          {
            type: "client_error",
            errors: [{ code: "not_authenticated", detail: "Sign in first.", attr: null }],
          },
          401,
        ),
      "GET /_allauth/browser/v1/auth/session": () =>
        jsonResponse({ status: 401, data: { flows: [] }, meta: { is_authenticated: false } }, 401),
    });

    const error = await rejectionOf(apiRequest("/api/tickets/"));
    expect(error.status).toBe(401);
    expect(listener).toHaveBeenCalledTimes(1);

    // allauth's 401 is its ordinary "nobody is signed in" answer, not a lost session.
    await rejectionOf(apiRequest("/_allauth/browser/v1/auth/session"));
    expect(listener).toHaveBeenCalledTimes(1);

    stop();
    await rejectionOf(apiRequest("/api/tickets/"));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it("reads allauth's error shape into per-field messages", async () => {
    stubFetch({
      "POST /_allauth/browser/v1/auth/login": () =>
        jsonResponse(
          {
            status: 400,
            errors: [
              { message: "Enter a valid email address.", code: "invalid", param: "email" },
              { message: "Something else.", code: "other" },
            ],
          },
          400,
        ),
    });

    const error = await rejectionOf(
      apiRequest("/_allauth/browser/v1/auth/login", { method: "POST", body: {} }),
    );

    expect(error.type).toBe("validation_error");
    expect(error.fieldErrors).toEqual({ email: ["Enter a valid email address."] });
    expect(error.otherMessages(["email"])).toEqual(["Something else."]);
  });
});

describe("toRelativeUrl", () => {
  it("keeps only the path and query of the backend's absolute paging links", () => {
    expect(toRelativeUrl("http://backend:8000/api/tickets/?cursor=abc&status=open")).toBe(
      "/api/tickets/?cursor=abc&status=open",
    );
  });
});
