import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { CONSOLE_PAGE_SIZE, CONSOLE_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { usePollingInterval } from "@/lib/live-status";
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

/** The cursor of the page a `next` or `previous` link points at. */
export function cursorOf(link: string | null | undefined): string | undefined {
  return link
    ? (new URL(link, window.location.origin).searchParams.get("cursor") ?? undefined)
    : undefined;
}

/**
 * One page of a queue: the page is part of the view (its `cursor`), so Previous and Next
 * go to another address and another query. Kept as an infinite query of that one page
 * so that a ticket changed elsewhere is patched into these rows as into every other
 * ticket list.
 */
export function getConsoleTicketsQueryOptions(view: ConsoleView) {
  return infiniteQueryOptions({
    queryKey: ticketKeys.list(view),
    queryFn: ({ pageParam, signal }) =>
      apiRequest<TicketPage>(consoleTicketsUrl({ ...view, cursor: pageParam }), { signal }),
    initialPageParam: view.cursor,
    getNextPageParam: (page) => cursorOf(page.next),
    maxPages: 1,
    // Keep showing the old rows while another queue, order or page loads.
    placeholderData: keepPreviousData,
  });
}

export function useConsoleTickets(view: ConsoleView) {
  return useInfiniteQuery({
    ...getConsoleTicketsQueryOptions(view),
    refetchInterval: usePollingInterval(CONSOLE_REFRESH_INTERVAL_MS),
  });
}
