import { queryOptions, useQuery } from "@tanstack/react-query";
import { COMMENTS_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { HistoryEntry } from "@/types/api";

/** Every change to the ticket, oldest first. Agents and admins only. */
export function getTicketHistory(ticketId: number, signal?: AbortSignal) {
  return apiRequest<HistoryEntry[]>(`/api/tickets/${ticketId}/history/`, { signal });
}

export function getTicketHistoryQueryOptions(ticketId: number) {
  return queryOptions({
    queryKey: ticketKeys.history(ticketId),
    queryFn: ({ signal }) => getTicketHistory(ticketId, signal),
    // Polled with the conversation, so the timeline shows changes made by others.
    refetchInterval: COMMENTS_REFRESH_INTERVAL_MS,
  });
}

/** `enabled`: false for requesters, who may not read the history and never ask for it. */
export function useTicketHistory(ticketId: number, { enabled }: { enabled: boolean }) {
  return useQuery({ ...getTicketHistoryQueryOptions(ticketId), enabled });
}
