import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { PersonChanges, User } from "@/types/api";

export function updatePerson(id: number, changes: PersonChanges): Promise<User> {
  return apiRequest<User>(`/api/users/${id}/`, { method: "PATCH", body: changes });
}

export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: PersonChanges }) =>
      updatePerson(id, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}
