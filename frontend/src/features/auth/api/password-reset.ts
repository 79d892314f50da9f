import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { ApiError, apiRequest } from "@/lib/api-client";
import { getMe, startSession } from "@/lib/session";
import type { Me } from "@/types/api";

export function requestPasswordReset(email: string): Promise<unknown> {
  return apiRequest(`${AUTH_API}/auth/password/request`, { method: "POST", body: { email } });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}

export type ResetPasswordInput = { key: string; password: string };

/** The person signed in with the new password, or null when they must sign in themselves. */
export async function resetPassword(input: ResetPasswordInput): Promise<Me | null> {
  try {
    await apiRequest(`${AUTH_API}/auth/password/reset`, { method: "POST", body: input });
  } catch (error) {
    // 401: the password was set, but this server does not sign in on a reset.
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
  return getMe();
}

export function useResetPassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPassword,
    onSuccess: (me) => {
      if (me) {
        startSession(queryClient, me);
      }
    },
  });
}
