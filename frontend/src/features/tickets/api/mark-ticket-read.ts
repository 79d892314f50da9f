import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { Ticket } from "@/types/api";

export function markTicketRead(ticketId: number): Promise<void> {
  return apiRequest<void>(`/api/tickets/${ticketId}/read/`, { method: "POST" });
}

/** Marks a ticket read for the signed-in agent, so the lists stop showing it as unread. */
export function useMarkTicketRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markTicketRead,
    onSuccess: (_, ticketId) => {
      queryClient.setQueryData<Ticket>(ticketKeys.detail(ticketId), (old) =>
        old ? { ...old, unread: false } : old,
      );
      return queryClient.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}
