import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { ApiError, apiRequest } from "@/lib/api-client";
import { getMe, startSession } from "@/lib/session";
import type { Me } from "@/types/api";

/** The person, signed in, or null when the address is confirmed but nobody is signed in. */
export async function verifyEmail(key: string): Promise<Me | null> {
  try {
    await apiRequest(`${AUTH_API}/auth/email/verify`, { method: "POST", body: { key } });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
  return getMe();
}

export function useVerifyEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyEmail,
    onSuccess: (me) => {
      if (me) {
        startSession(queryClient, me);
      }
    },
  });
}
