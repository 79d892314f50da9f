import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { tokenKeys } from "@/lib/query-keys";
import type { NewApiToken } from "@/types/api";

export function createMyToken(input: { name: string }): Promise<NewApiToken> {
  return apiRequest<NewApiToken>("/api/me/tokens/", { method: "POST", body: input });
}

export function useCreateMyToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMyToken,
    // The secret stays in this mutation's result only, never in the cached list.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tokenKeys.mine }),
  });
}
