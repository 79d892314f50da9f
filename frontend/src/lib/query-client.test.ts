import { describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-client";
import { createQueryClient } from "./query-client";

function failingWith(error: ApiError) {
  return vi.fn<() => Promise<never>>().mockRejectedValue(error);
}

describe("createQueryClient", () => {
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
});
