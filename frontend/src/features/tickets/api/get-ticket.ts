import { type InfiniteData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { CLASSIFYING_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { awaitsLanguageModel } from "@/lib/classifying";
import { ticketKeys } from "@/lib/query-keys";
import type { TicketPage, TicketWithExamples } from "@/types/api";

export function getTicket(id: number, signal?: AbortSignal): Promise<TicketWithExamples> {
  return apiRequest<TicketWithExamples>(`/api/tickets/${id}/`, { signal });
}

export function getTicketQueryOptions(id: number) {
  return queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: async ({ signal, client }) => {
      const before = client.getQueryData<TicketWithExamples>(ticketKeys.detail(id));
      const ticket = await getTicket(id, signal);
      if (before?.classifying && !ticket.classifying) {
        // The language model has answered: its change is in the history now, and the
        // labels and triage flag the lists and queues show may have changed.
        for (const queryKey of [ticketKeys.history(id), ticketKeys.lists(), ticketKeys.queues()]) {
          void client.invalidateQueries({ queryKey });
        }
      }
      return ticket;
    },
  });
}

/**
 * `refetchInterval`: how often to refresh it while it is on screen, if at all. A ticket
 * waiting on a language model is refreshed every 1.5 s instead, until the answer is in
 * or the worker has had long enough.
 */
export function useTicket(id: number, { refetchInterval }: { refetchInterval?: number } = {}) {
  const queryClient = useQueryClient();
  return useQuery({
    ...getTicketQueryOptions(id),
    // A ticket that is gone (404) stays gone: stop asking.
    refetchInterval: (query) => {
      if (query.state.status === "error") {
        return false;
      }
      const ticket = query.state.data;
      if (ticket && awaitsLanguageModel(ticket, Date.now())) {
        return CLASSIFYING_REFRESH_INTERVAL_MS;
      }
      return refetchInterval ?? false;
    },
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
