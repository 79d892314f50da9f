import { queryOptions, useQuery } from "@tanstack/react-query";
import { REFRESH_INTERVAL_MS } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { classifierKeys } from "@/lib/query-keys";
import type { ClassifierReport } from "@/types/api";

export function getClassifierReport(signal?: AbortSignal): Promise<ClassifierReport> {
  return apiRequest<ClassifierReport>("/api/classifier/report/", { signal });
}

export function getClassifierReportQueryOptions() {
  return queryOptions({
    queryKey: classifierKeys.report,
    queryFn: ({ signal }) => getClassifierReport(signal),
    // Polled even while live updates arrive: retraining the learned model changes the
    // report without writing any ticket, so no event tells of it.
    refetchInterval: REFRESH_INTERVAL_MS,
  });
}

export function useClassifierReport() {
  return useQuery(getClassifierReportQueryOptions());
}
