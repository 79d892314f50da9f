import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { REFRESH_INTERVAL_MS, TICKETS_PAGE_SIZE } from "@/config/constants";
import { apiRequest, toRelativeUrl } from "@/lib/api-client";
import { usePollingInterval } from "@/lib/live-status";
import { ticketKeys } from "@/lib/query-keys";
import type { TicketFilters, TicketPage } from "@/types/api";

export function ticketsUrl(filters: TicketFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value) {
      params.set(name, value);
    }
  }
  params.set("page_size", String(TICKETS_PAGE_SIZE));
  return `/api/tickets/?${params}`;
}

/** Fetches one page; `url` is the first page's URL or a `next` link made relative. */
export function getTickets(url: string, signal?: AbortSignal): Promise<TicketPage> {
  return apiRequest<TicketPage>(url, { signal });
}

export function getTicketsQueryOptions(filters: TicketFilters) {
  return infiniteQueryOptions({
    queryKey: ticketKeys.list(filters),
    queryFn: ({ pageParam, signal }) => getTickets(pageParam, signal),
    initialPageParam: ticketsUrl(filters),
    getNextPageParam: (lastPage) => (lastPage.next ? toRelativeUrl(lastPage.next) : undefined),
    // Keep showing the old list while a new filter loads, instead of flashing skeletons.
    placeholderData: keepPreviousData,
  });
}

export function useTickets(filters: TicketFilters) {
  return useInfiniteQuery({
    ...getTicketsQueryOptions(filters),
    refetchInterval: usePollingInterval(REFRESH_INTERVAL_MS),
  });
}
