import { useMutation } from "@tanstack/react-query";
import { AUTH_API } from "@/config/constants";
import { apiRequest } from "@/lib/api-client";

export type ChangePasswordInput = { current_password: string; new_password: string };

export function changePassword(input: ChangePasswordInput): Promise<unknown> {
  return apiRequest(`${AUTH_API}/account/password/change`, { method: "POST", body: input });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
