import { useCallback, useMemo, useSyncExternalStore } from "react";
import type { TicketFilters } from "@/types/api";
import { filtersFromSearch, searchWithFilters } from "../filters";

// history.pushState fires no event of its own; this one tells subscribers the URL moved.
const URL_CHANGE_EVENT = "ticketfilterschange";

function subscribe(onChange: () => void): () => void {
  window.addEventListener("popstate", onChange);
  window.addEventListener(URL_CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("popstate", onChange);
    window.removeEventListener(URL_CHANGE_EVENT, onChange);
  };
}

const getSearch = () => window.location.search;

/**
 * The list filters live in the query string, so a view can be shared or reloaded.
 * Each change is a history entry, so the Back button undoes a filter.
 */
export function useTicketFilters() {
  const search = useSyncExternalStore(subscribe, getSearch);
  const filters = useMemo(() => filtersFromSearch(search), [search]);

  const setFilters = useCallback((changes: Partial<TicketFilters>) => {
    const next = { ...filtersFromSearch(window.location.search), ...changes };
    const query = searchWithFilters(window.location.search, next);
    if (query === window.location.search) {
      return;
    }
    window.history.pushState(
      null,
      "",
      `${window.location.pathname}${query}${window.location.hash}`,
    );
    window.dispatchEvent(new Event(URL_CHANGE_EVENT));
  }, []);

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
