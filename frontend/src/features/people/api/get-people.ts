import { infiniteQueryOptions, keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { USERS_PAGE_SIZE } from "@/config/constants";
import { apiRequest, toRelativeUrl } from "@/lib/api-client";
import { userKeys } from "@/lib/query-keys";
import type { Role, UserPage } from "@/types/api";

export type PeopleFilters = {
  search?: string;
  role?: Role;
  /** "true" active only, "false" deactivated only, absent: everyone. */
  is_active?: "true" | "false";
};

export function peopleUrl(filters: PeopleFilters): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value) {
      params.set(name, value);
    }
  }
  params.set("page_size", String(USERS_PAGE_SIZE));
  return `/api/users/?${params}`;
}

export function getPeople(url: string, signal?: AbortSignal): Promise<UserPage> {
  return apiRequest<UserPage>(url, { signal });
}

export function getPeopleQueryOptions(filters: PeopleFilters) {
  return infiniteQueryOptions({
    queryKey: userKeys.list({ ...filters }),
    queryFn: ({ pageParam, signal }) => getPeople(pageParam, signal),
    initialPageParam: peopleUrl(filters),
    getNextPageParam: (lastPage) => (lastPage.next ? toRelativeUrl(lastPage.next) : undefined),
    placeholderData: keepPreviousData,
  });
}

export function usePeople(filters: PeopleFilters) {
  return useInfiniteQuery(getPeopleQueryOptions(filters));
}
