import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { ApiError, apiRequest } from "@/lib/api-client";
import { getMe, startSession } from "@/lib/session";
import type { Me } from "@/types/api";

export const DEACTIVATED = "This account is deactivated. Ask an administrator to reactivate it.";

export type SignInInput = { email: string; password: string };

/** Signs in with allauth, then asks the API who that is (allauth does not know roles). */
export async function signIn(input: SignInInput): Promise<Me> {
  try {
    await apiRequest(`${AUTH_API}/auth/login`, { method: "POST", body: input });
  } catch (error) {
    // allauth answers the right password of a deactivated account with a bare 401 (not
    // signed in, nothing pending); a wrong password is a 400 that says so.
    if (error instanceof ApiError && error.status === 401) {
      throw new ApiError(401, "client_error", [
        { code: "inactive", detail: DEACTIVATED, attr: null },
      ]);
    }
    throw error;
  }
  const me = await getMe();
  if (!me) {
    throw new Error("Signed in, but the server does not know the session yet. Try again.");
  }
  return me;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    onSuccess: (me) => startSession(queryClient, me),
  });
}
