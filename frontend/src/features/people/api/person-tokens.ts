import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { ApiToken } from "@/types/api";

export function getPersonTokens(userId: number, signal?: AbortSignal): Promise<ApiToken[]> {
  return apiRequest<ApiToken[]>(`/api/users/${userId}/tokens/`, { signal });
}

export function getPersonTokensQueryOptions(userId: number) {
  return queryOptions({
    queryKey: userKeys.tokens(userId),
    queryFn: ({ signal }) => getPersonTokens(userId, signal),
  });
}

export function usePersonTokens(userId: number) {
  return useQuery(getPersonTokensQueryOptions(userId));
}

export function revokePersonToken(userId: number, tokenId: number): Promise<void> {
  return apiRequest<void>(`/api/users/${userId}/tokens/${tokenId}/`, { method: "DELETE" });
}

export function useRevokePersonToken(userId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: number) => revokePersonToken(userId, tokenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.tokens(userId) }),
  });
}
