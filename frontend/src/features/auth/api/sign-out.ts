import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { ApiError, apiRequest } from "@/lib/api-client";
import { endSession } from "@/lib/session";

export async function signOut(): Promise<void> {
  try {
    await apiRequest(`${AUTH_API}/auth/session`, { method: "DELETE" });
  } catch (error) {
    // allauth says "signed out" with a 401: that is the success.
    if (!(error instanceof ApiError && error.status === 401)) {
      throw error;
    }
  }
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => endSession(queryClient),
  });
}
