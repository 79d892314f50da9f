import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { classifierKeys, statsKeys, ticketKeys } from "@/lib/query-keys";
import type { Ticket, TicketCreateInput } from "@/types/api";

export function createTicket(input: TicketCreateInput): Promise<Ticket> {
  return apiRequest<Ticket>("/api/tickets/", { method: "POST", body: input });
}

export function useCreateTicket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTicket,
    onSuccess: (ticket) => {
      queryClient.setQueryData(ticketKeys.detail(ticket.id), ticket);
      // Awaited, so the form reports success once the list and stats already show it.
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: statsKeys.all }),
        // Resolving, closing or setting labels confirms them: the accuracy report counts those.
        queryClient.invalidateQueries({ queryKey: classifierKeys.report }),
      ]);
    },
  });
}
