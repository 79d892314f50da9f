import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { similarKeys } from "@/lib/query-keys";
import type { SimilarTickets } from "@/types/api";

export function findSimilarTickets(title: string, signal?: AbortSignal): Promise<SimilarTickets> {
  return apiRequest<SimilarTickets>("/api/tickets/similar/", {
    method: "POST",
    body: { title },
    signal,
  });
}

/**
 * One cache entry per title, as for the classifier: an answer about an older title is
 * never shown for a newer one, and the request for a title nobody watches is aborted.
 */
export function getSimilarTicketsQueryOptions(title: string) {
  return queryOptions({
    queryKey: similarKeys.title(title),
    queryFn: ({ signal }) => findSimilarTickets(title, signal),
    staleTime: 60_000,
    gcTime: 5 * 60_000,
    // A refusal (429: the classifier's rate limit) only means no hints this time.
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useSimilarTickets(title: string, { enabled }: { enabled: boolean }) {
  return useQuery({ ...getSimilarTicketsQueryOptions(title), enabled });
}
