import { queryOptions, useQuery } from "@tanstack/react-query";
import { CONSOLE_REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { usePollingInterval } from "@/lib/live-status";
import { ticketKeys } from "@/lib/query-keys";
import type { QueueCounts } from "@/types/api";

export function getQueueCounts(signal?: AbortSignal): Promise<QueueCounts> {
  return apiRequest<QueueCounts>("/api/tickets/queues/", { signal });
}

export function getQueueCountsQueryOptions() {
  return queryOptions({
    queryKey: ticketKeys.queues(),
    queryFn: ({ signal }) => getQueueCounts(signal),
  });
}

export function useQueueCounts() {
  return useQuery({
    ...getQueueCountsQueryOptions(),
    // As often as the list, so a queue's count and its rows agree.
    refetchInterval: usePollingInterval(CONSOLE_REFRESH_INTERVAL_MS),
  });
}
