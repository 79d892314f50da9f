import { queryOptions, useQuery } from "@tanstack/react-query";
import { REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { usePollingInterval } from "@/lib/live-status";
import { statsKeys } from "@/lib/query-keys";
import type { TicketStats } from "@/types/api";

export function getStats(signal?: AbortSignal): Promise<TicketStats> {
  return apiRequest<TicketStats>("/api/tickets/stats/", { signal });
}

export function getStatsQueryOptions() {
  return queryOptions({
    queryKey: statsKeys.all,
    queryFn: ({ signal }) => getStats(signal),
  });
}

export function useStats() {
  return useQuery({
    ...getStatsQueryOptions(),
    refetchInterval: usePollingInterval(REFRESH_INTERVAL_MS),
  });
}
