import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { tokenKeys } from "@/lib/query-keys";

export function revokeMyToken(id: number): Promise<void> {
  return apiRequest<void>(`/api/me/tokens/${id}/`, { method: "DELETE" });
}

export function useRevokeMyToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeMyToken,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.mine }),
  });
}
