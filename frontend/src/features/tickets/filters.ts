import { CATEGORIES, PRIORITIES, STATUSES, type TicketFilters } from "@/types/api";

const FILTER_NAMES = ["category", "priority", "status", "search"] as const;

function oneOf<T extends string>(choices: readonly T[], value: string | null): T | undefined {
  return choices.find((choice) => choice === value);
}

/**
 * Reads the filters from a query string. Values the backend would refuse (a stale or
 * hand-edited link) are dropped rather than turned into a 400.
 */
export function filtersFromSearch(search: string): TicketFilters {
  const params = new URLSearchParams(search);
  const category = oneOf(CATEGORIES, params.get("category"));
  const priority = oneOf(PRIORITIES, params.get("priority"));
  const status = oneOf(STATUSES, params.get("status"));
  const text = params.get("search")?.trim();
  // Only the filters that are set: an absent key means "any", and keys compare equal.
  return {
    ...(category && { category }),
    ...(priority && { priority }),
    ...(status && { status }),
    ...(text && { search: text }),
  };
}

/** Writes the filters into a query string, keeping any parameters that are not filters. */
export function searchWithFilters(currentSearch: string, filters: TicketFilters): string {
  const params = new URLSearchParams(currentSearch);
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) {
      params.set(name, value);
    } else {
      params.delete(name);
    }
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function hasActiveFilters(filters: TicketFilters): boolean {
  return FILTER_NAMES.some((name) => Boolean(filters[name]));
}
