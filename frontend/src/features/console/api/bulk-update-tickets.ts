import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { classifierKeys, statsKeys, ticketKeys } from "@/lib/query-keys";
import type { BulkTicketChange, Ticket } from "@/types/api";

export function bulkUpdateTickets(change: BulkTicketChange): Promise<{ results: Ticket[] }> {
  return apiRequest<{ results: Ticket[] }>("/api/tickets/bulk/", {
    method: "POST",
    body: change,
  });
}

/** Changes many tickets at once; every list, queue count, ticket and the stats follow. */
export function useBulkUpdateTickets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: bulkUpdateTickets,
    onSuccess: ({ results }) => {
      for (const ticket of results) {
        queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      }
      // Awaited, so the success is reported once the queues already show it.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.queues() }),
        queryClient.invalidateQueries({ queryKey: statsKeys.all }),
        // Resolving, closing or setting labels confirms them: the accuracy report counts those.
        queryClient.invalidateQueries({ queryKey: classifierKeys.report }),
      ]);
    },
  });
}
