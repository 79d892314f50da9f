import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { sessionKeys } from "@/lib/query-keys";
import type { Me } from "@/types/api";

export function updateProfile(changes: { name: string }): Promise<Me> {
  return apiRequest<Me>("/api/me/", { method: "PATCH", body: changes });
}

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateProfile,
    // The header's menu shows the new name at once.
    onSuccess: (me) => queryClient.setQueryData(sessionKeys.me, me),
  });
}
