import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";
import { getMe, startSession } from "@/lib/session";
import type { Me } from "@/types/api";

export type SignInInput = { email: string; password: string };

/** Signs in with allauth, then asks the API who that is (allauth does not know roles). */
export async function signIn(input: SignInInput): Promise<Me> {
  await apiRequest(`${AUTH_API}/auth/login`, { method: "POST", body: input });
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
