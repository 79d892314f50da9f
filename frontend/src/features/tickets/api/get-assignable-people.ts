import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { Role, TicketPerson, UserPage } from "@/types/api";

const ASSIGNABLE_ROLES: readonly Role[] = ["agent", "admin"];

/** Active agents and admins by name: the people a ticket can be assigned to. */
export async function getAssignablePeople(signal?: AbortSignal): Promise<TicketPerson[]> {
  const pages = await Promise.all(
    ASSIGNABLE_ROLES.map((role) =>
      apiRequest<UserPage>(`/api/users/?role=${role}&is_active=true&page_size=200`, { signal }),
    ),
  );
  return pages
    .flatMap((page) => page.results)
    .map(({ id, name, email }) => ({ id, name, email }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function useAssignablePeople() {
  return useQuery(
    queryOptions({
      queryKey: userKeys.assignable(),
      queryFn: ({ signal }) => getAssignablePeople(signal),
      staleTime: 5 * 60_000,
    }),
  );
}
