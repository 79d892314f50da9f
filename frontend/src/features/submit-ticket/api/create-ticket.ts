import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { statsKeys, ticketKeys } from "@/lib/query-keys";
import type { Category, Priority, Ticket } from "@/types/api";

/**
 * All a client may send: the server records its own suggestion for the text and refuses
 * `suggested_category`, `suggested_priority` and `classified_by` from clients.
 */
export type CreateTicketInput = {
  title: string;
  description: string;
  category?: Category;
  priority?: Priority;
  /** Whom the ticket is for, when an agent files it for someone else. */
  requester?: number;
};

export function createTicket(input: CreateTicketInput): Promise<Ticket> {
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
      ]);
    },
  });
}
