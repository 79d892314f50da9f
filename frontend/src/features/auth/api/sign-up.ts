import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { ApiError, apiRequest } from "@/lib/api-client";
import { getMe, startSession } from "@/lib/session";
import type { Me } from "@/types/api";

export type SignUpInput = { email: string; name: string; password: string };

/** null when the account exists but its email address must be confirmed first. */
export async function signUp(input: SignUpInput): Promise<Me | null> {
  try {
    await apiRequest(`${AUTH_API}/auth/signup`, { method: "POST", body: input });
  } catch (error) {
    // allauth answers 401 with a pending "verify_email" flow: created, not signed in.
    if (error instanceof ApiError && error.status === 401) {
      return null;
    }
    throw error;
  }
  return getMe();
}

export function useSignUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signUp,
    onSuccess: (me) => {
      if (me) {
        startSession(queryClient, me);
      }
    },
  });
}
