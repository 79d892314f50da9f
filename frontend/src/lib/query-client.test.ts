import { onlineManager } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-client";
import { createQueryClient } from "./query-client";

function failingWith(error: ApiError) {
  return vi.fn<() => Promise<never>>().mockRejectedValue(error);
}

describe("createQueryClient", () => {
  afterEach(() => {
    onlineManager.setOnline(true);
  });

  it("never retries a throttled request", async () => {
    const queryFn = failingWith(new ApiError(429, "client_error", [], 30));

    await expect(createQueryClient().fetchQuery({ queryKey: ["q"], queryFn })).rejects.toThrow();

    expect(queryFn).toHaveBeenCalledTimes(1);
  });

  it("retries a server that is briefly unavailable twice", async () => {
    const queryFn = failingWith(new ApiError(503, "server_error", [], 5));

    const result = createQueryClient().fetchQuery({ queryKey: ["q"], queryFn });
    const settled = expect(result).rejects.toThrow();
    await vi.runAllTimersAsync();
    await settled;

    expect(queryFn).toHaveBeenCalledTimes(3);
  });

  it("fails a change sent offline at once instead of holding it to send later", async () => {
    onlineManager.setOnline(false);
    const offline = new ApiError(0, "network_error", []);
    const mutationFn = vi.fn<() => Promise<never>>().mockRejectedValue(offline);
    const client = createQueryClient();
    const mutation = client.getMutationCache().build(client, { mutationFn });

    const settled = expect(mutation.execute(undefined)).rejects.toBe(offline);
    await vi.advanceTimersByTimeAsync(0);

    expect(mutation.state.isPaused).toBe(false);
    expect(mutationFn).toHaveBeenCalledTimes(1);
    await settled;
    expect(mutation.state.status).toBe("error");
  });
});
