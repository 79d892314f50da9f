import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { classifyKeys } from "@/lib/query-keys";
import type { ClassifyInput, Suggestion } from "@/types/api";

export function classifyTicket(input: ClassifyInput, signal?: AbortSignal): Promise<Suggestion> {
  return apiRequest<Suggestion>("/api/tickets/classify/", {
    method: "POST",
    body: input,
    signal,
  });
}

/**
 * One cache entry per text. Because the answer is keyed by the text it belongs to, an
 * answer for older text can never show as the suggestion for newer text, and passing
 * `signal` lets TanStack Query abort the older request once nobody watches it.
 */
export function getClassifyQueryOptions(input: ClassifyInput) {
  return queryOptions({
    queryKey: classifyKeys.text(input.title ?? "", input.description),
    queryFn: ({ signal }) => classifyTicket(input, signal),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 5 * 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });
}

export function useClassifyTicket(input: ClassifyInput, { enabled }: { enabled: boolean }) {
  return useQuery({
    ...getClassifyQueryOptions(input),
    enabled,
    // While a newer text is being classified, keep the dropdowns on the last answer.
    placeholderData: keepPreviousData,
  });
}
