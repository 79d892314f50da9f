import { queryOptions, useQuery } from "@tanstack/react-query";
import { REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { statsKeys } from "@/lib/query-keys";
import type { TicketStats } from "@/types/api";

export function getStats(signal?: AbortSignal): Promise<TicketStats> {
  return apiRequest<TicketStats>("/api/tickets/stats/", { signal });
}

export function getStatsQueryOptions() {
  return queryOptions({
    queryKey: statsKeys.all,
    queryFn: ({ signal }) => getStats(signal),
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

export function useStats() {
  return useQuery(getStatsQueryOptions());
}
