import { queryOptions, useQuery } from "@tanstack/react-query";
import { CONSOLE_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { ticketKeys } from "@/lib/query-keys";
import type { QueueCounts } from "@/types/api";

export function getQueueCounts(signal?: AbortSignal): Promise<QueueCounts> {
  return apiRequest<QueueCounts>("/api/tickets/queues/", { signal });
}

export function getQueueCountsQueryOptions() {
  return queryOptions({
    queryKey: ticketKeys.queues(),
    queryFn: ({ signal }) => getQueueCounts(signal),
    // As often as the list, so a queue's count and its rows agree.
    refetchInterval: CONSOLE_REFRESH_INTERVAL_MS,
  });
}

export function useQueueCounts() {
  return useQuery(getQueueCountsQueryOptions());
}
