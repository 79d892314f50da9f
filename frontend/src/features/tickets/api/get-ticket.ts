import { type InfiniteData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { Ticket, TicketPage } from "@/types/api";

export function getTicket(id: number, signal?: AbortSignal): Promise<Ticket> {
  return apiRequest<Ticket>(`/api/tickets/${id}/`, { signal });
}

export function getTicketQueryOptions(id: number) {
  return queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => getTicket(id, signal),
  });
}

export function useTicket(id: number) {
  const queryClient = useQueryClient();
  return useQuery({
    ...getTicketQueryOptions(id),
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
