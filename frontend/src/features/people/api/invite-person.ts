import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { InvitedUser, InviteInput } from "@/types/api";

/** Creates the account and mails the person a link to choose their password. */
export function invitePerson(input: InviteInput): Promise<InvitedUser> {
  return apiRequest<InvitedUser>("/api/users/", { method: "POST", body: input });
}

/** Mails an active person a link to choose a (new) password; whether it went out. */
export function sendSignInLink(id: number): Promise<{ invitation_sent: boolean }> {
  return apiRequest(`/api/users/${id}/invitation/`, { method: "POST" });
}

export function useSendSignInLink() {
  return useMutation({ mutationFn: sendSignInLink });
}

export function useInvitePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: invitePerson,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
