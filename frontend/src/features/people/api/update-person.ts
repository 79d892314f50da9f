import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { sessionKeys, userKeys } from "@/lib/query-keys";
import type { Me, PersonChanges, User } from "@/types/api";

export function updatePerson(id: number, changes: PersonChanges): Promise<User> {
  return apiRequest<User>(`/api/users/${id}/`, { method: "PATCH", body: changes });
}

export function useUpdatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: number; changes: PersonChanges }) =>
      updatePerson(id, changes),
    onSuccess: (user) => {
      // An admin who changed their own role sees the menu of the new one at once.
      queryClient.setQueryData<Me | null>(sessionKeys.me, (me) =>
        me && me.id === user.id ? { ...me, name: user.name, role: user.role } : me,
      );
      return queryClient.invalidateQueries({ queryKey: userKeys.lists() });
    },
  });
}
