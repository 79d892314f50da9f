import { type InfiniteData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { TicketPage, TicketWithExamples } from "@/types/api";

export function getTicket(id: number, signal?: AbortSignal): Promise<TicketWithExamples> {
  return apiRequest<TicketWithExamples>(`/api/tickets/${id}/`, { signal });
}

export function getTicketQueryOptions(id: number) {
  return queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => getTicket(id, signal),
  });
}

/** `refetchInterval`: how often to refresh it while it is on screen, if at all. */
export function useTicket(id: number, { refetchInterval }: { refetchInterval?: number } = {}) {
  const queryClient = useQueryClient();
  return useQuery({
    ...getTicketQueryOptions(id),
    // A ticket that is gone (404) stays gone: stop asking.
    refetchInterval: (query) =>
      query.state.status === "error" ? false : (refetchInterval ?? false),
    // The list already holds the ticket: show it at once while the fresh copy loads.
    placeholderData: () => {
      const lists = queryClient.getQueriesData<InfiniteData<TicketPage>>({
        queryKey: ticketKeys.lists(),
      });
      for (const [, data] of lists) {
        const found = data?.pages.flatMap((page) => page.results).find((t) => t.id === id);
        if (found) {
          return found;
        }
      }
      return undefined;
    },
  });
}
