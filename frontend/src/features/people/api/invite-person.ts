import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { Role, User } from "@/types/api";

export type InviteInput = { email: string; name: string; role: Role };

/** Creates the account and mails the person a link to choose their password. */
export function invitePerson(input: InviteInput): Promise<User> {
  return apiRequest<User>("/api/users/", { method: "POST", body: input });
}

export function useInvitePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invitePerson,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
