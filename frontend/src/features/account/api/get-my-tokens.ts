import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { tokenKeys } from "@/lib/query-keys";
import type { ApiToken } from "@/types/api";

export function getMyTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return apiRequest<ApiToken[]>("/api/me/tokens/", { signal });
}

export function getMyTokensQueryOptions() {
  return queryOptions({ queryKey: tokenKeys.mine, queryFn: ({ signal }) => getMyTokens(signal) });
}

export function useMyTokens() {
  return useQuery(getMyTokensQueryOptions());
}
