import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api-client";

/**
 * A 4xx will not change on retry, and a 429 asks us to slow down, not to ask again at
 * once; only network trouble and 5xx are worth another try.
 */
function shouldRetry(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    return false;
  }
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        staleTime: 10_000,
      },
      // A change sent while offline fails at once with a network error, so the form keeps
      // what was typed and says nothing was sent, instead of waiting to send it unseen later.
      mutations: {
        networkMode: "always",
      },
    },
  });
}
