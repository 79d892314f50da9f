import { useRouter, useRouterState } from "@tanstack/react-router";
import { useCallback, useMemo } from "react";
import type { TicketFilters } from "@/types/api";
import { filtersFromSearch, searchWithFilters } from "../filters";

/**
 * The list filters live in the query string, so a view can be shared or reloaded.
 * Each change is a history entry, so the Back button undoes a filter.
 */
export function useTicketFilters() {
  const router = useRouter();
  const search = useRouterState({ select: (state) => state.location.searchStr });
  const filters = useMemo(() => filtersFromSearch(search), [search]);

  const setFilters = useCallback(
    (changes: Partial<TicketFilters>) => {
      // The history's own location: two changes in a row must not lose the first.
      const { pathname, search: current } = router.history.location;
      const next = { ...filtersFromSearch(current), ...changes };
      const query = searchWithFilters(current, next);
      if (query === current) {
        return;
      }
      // A filter changes what the list shows, not where the page is scrolled.
      router.navigate({ href: `${pathname}${query}`, resetScroll: false });
    },
    [router],
  );

  const clearFilters = useCallback(
    () =>
      setFilters({
        category: undefined,
        priority: undefined,
        status: undefined,
        search: undefined,
      }),
    [setFilters],
  );

  return { filters, setFilters, clearFilters };
}
