import { queryOptions, useQuery } from "@tanstack/react-query";
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
  });
}

export function useQueueCounts() {
  return useQuery(getQueueCountsQueryOptions());
}
