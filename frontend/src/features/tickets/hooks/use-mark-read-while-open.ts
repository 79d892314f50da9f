import { useEffect } from "react";
import type { Ticket } from "@/types/api";
import { useComments } from "../api/get-comments";
import { useMarkTicketRead } from "../api/mark-ticket-read";

/**
 * Marks the ticket read for an agent once its conversation is on screen, and again each
 * time a new reply from the requester shows up while the page is open.
 */
export function useMarkReadWhileOpen(ticket: Ticket, enabled: boolean) {
  const { data: comments } = useComments(ticket.id);
  const { mutate: markRead } = useMarkTicketRead();
  // Undefined until the conversation has loaded; null when the requester has not replied.
  const latestRequesterReply =
    comments === undefined
      ? undefined
      : (comments.findLast((c) => !c.internal && c.author.id === ticket.requester.id)?.id ?? null);

  useEffect(() => {
    if (enabled && latestRequesterReply !== undefined) {
      markRead(ticket.id);
    }
  }, [enabled, ticket.id, latestRequesterReply, markRead]);
}
