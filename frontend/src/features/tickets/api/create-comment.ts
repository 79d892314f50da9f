import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { classifierKeys, statsKeys, ticketKeys } from "@/lib/query-keys";
import type { NewComment, TicketComment } from "@/types/api";

export function createComment(ticketId: number, comment: NewComment): Promise<TicketComment> {
  return apiRequest<TicketComment>(`/api/tickets/${ticketId}/comments/`, {
    method: "POST",
    body: { internal: false, ...comment },
  });
}

/**
 * Adds a comment. A reply can change the ticket too (a requester's reopens a resolved
 * one, an agent's may resolve it), so the ticket, its history, the lists, the queues'
 * counts and the numbers are refreshed. `onSent` runs even when the page was left
 * while sending.
 */
export function useCreateComment(ticketId: number, onSent?: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (comment: NewComment) => createComment(ticketId, comment),
    onSuccess: (comment) => {
      onSent?.();
      queryClient.setQueryData<TicketComment[]>(ticketKeys.comments(ticketId), (old) =>
        old && !old.some((c) => c.id === comment.id) ? [...old, comment] : old,
      );
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.comments(ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.history(ticketId) }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.queues() }),
        queryClient.invalidateQueries({ queryKey: statsKeys.all }),
        // Resolving, closing or setting labels confirms them: the accuracy report counts those.
        queryClient.invalidateQueries({ queryKey: classifierKeys.report }),
      ]);
    },
  });
}
