import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { CONSOLE_PAGE_SIZE, CONSOLE_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest, toRelativeUrl } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { TicketPage } from "@/types/api";
import type { ConsoleView } from "../view";

export function consoleTicketsUrl(view: ConsoleView): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(view)) {
    if (value) {
      params.set(name, value);
    }
  }
  params.set("page_size", String(CONSOLE_PAGE_SIZE));
  return `/api/tickets/?${params}`;
}

/**
 * One page of a queue at a time: Previous and Next swap the page held (`maxPages: 1`)
 * instead of growing the list. Kept as an infinite query so that a ticket changed
 * elsewhere is patched into these rows as into every other ticket list.
 */
export function getConsoleTicketsQueryOptions(view: ConsoleView) {
  return infiniteQueryOptions({
    queryKey: ticketKeys.list(view),
    queryFn: ({ pageParam, signal }) => apiRequest<TicketPage>(pageParam, { signal }),
    initialPageParam: consoleTicketsUrl(view),
    getNextPageParam: (page) => (page.next ? toRelativeUrl(page.next) : undefined),
    getPreviousPageParam: (page) => (page.previous ? toRelativeUrl(page.previous) : undefined),
    maxPages: 1,
    refetchInterval: CONSOLE_REFRESH_INTERVAL_MS,
    // Keep showing the old rows while another queue or order loads.
    placeholderData: keepPreviousData,
  });
}

export function useConsoleTickets(view: ConsoleView) {
  return useInfiniteQuery(getConsoleTicketsQueryOptions(view));
}
