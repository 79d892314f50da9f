import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { UserPage } from "@/types/api";

/** The first matching requesters: enough to pick one while typing a name or address. */
const PICKER_SIZE = 10;

export function searchRequesters(search: string, signal?: AbortSignal): Promise<UserPage> {
  const params = new URLSearchParams({
    role: "requester",
    is_active: "true",
    page_size: String(PICKER_SIZE),
  });
  if (search) {
    params.set("search", search);
  }
  return apiRequest<UserPage>(`/api/users/?${params}`, { signal });
}

export function getRequesterSearchQueryOptions(search: string) {
  return queryOptions({
    queryKey: userKeys.list({ role: "requester", is_active: "true", search, picker: "1" }),
    queryFn: ({ signal }) => searchRequesters(search, signal),
    staleTime: 30_000,
  });
}

export function useRequesterSearch(search: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    ...getRequesterSearchQueryOptions(search),
    enabled,
    placeholderData: keepPreviousData,
  });
}
