import { queryOptions, useQuery } from "@tanstack/react-query";
import { COMMENTS_PAGE_SIZE, COMMENTS_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest, toRelativeUrl } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { TicketComment, TicketCommentPage } from "@/types/api";

/**
 * The whole conversation, oldest first. One page holds 200 comments, so following `next`
 * is rare; it is done here so the page shows one list and polls it as one query.
 */
export async function getComments(ticketId: number, signal?: AbortSignal) {
  const comments: TicketComment[] = [];
  let url: string | null = `/api/tickets/${ticketId}/comments/?page_size=${COMMENTS_PAGE_SIZE}`;
  while (url) {
    const page: TicketCommentPage = await apiRequest<TicketCommentPage>(url, { signal });
    comments.push(...page.results);
    url = page.next ? toRelativeUrl(page.next) : null;
  }
  return comments;
}

export function getCommentsQueryOptions(ticketId: number) {
  return queryOptions({
    queryKey: ticketKeys.comments(ticketId),
    queryFn: ({ signal }) => getComments(ticketId, signal),
    // Polled only while the page is visible (TanStack pauses intervals in hidden tabs).
    refetchInterval: COMMENTS_REFRESH_INTERVAL_MS,
  });
}

export function useComments(ticketId: number) {
  return useQuery(getCommentsQueryOptions(ticketId));
}
