import { queryOptions, useQuery } from "@tanstack/react-query";
import { COMMENTS_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";

/** Who made a change: a person's request, the classifier, or something outside the app. */
export type HistoryActor = {
  kind: "person" | "classifier" | "system";
  id: number | null;
  name: string;
};

/** A person as the history names them; `name` is null once their account is gone. */
export type HistoryPerson = { id: number; name: string | null };

export type HistoryValue = string | HistoryPerson | null;

export type HistoryChange = {
  field: string;
  old: HistoryValue;
  new: HistoryValue;
  /** On creation, for category and priority: whether the suggestion was kept. */
  kept_suggestion: boolean | null;
};

export type HistoryEntry = {
  id: number;
  at: string;
  event: "suggested" | "created" | "changed";
  actor: HistoryActor;
  changes: HistoryChange[];
};

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
