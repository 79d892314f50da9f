import {
  CATEGORIES,
  ORDERINGS,
  PRIORITIES,
  QUEUES,
  type Queue,
  STATUSES,
  type TicketFilters,
} from "@/types/api";

/**
 * What the console shows, all in the query string: a queue, its filters, its order and
 * the page, as the API's opaque `cursor` (none on the first page).
 */
export type ConsoleView = TicketFilters & { queue: Queue; cursor?: string };

/** Predictable on every visit: the open tickets, unless the address names a queue. */
export const DEFAULT_QUEUE: Queue = "open";

const VIEW_PARAMS = [
  "queue",
  "ordering",
  "category",
  "priority",
  "status",
  "search",
  "cursor",
] as const;

/** The page's number, beside its cursor: the cursor alone does not say where it is. */
const PAGE_PARAM = "page";

function oneOf<T extends string>(choices: readonly T[], value: string | null): T | undefined {
  return choices.find((choice) => choice === value);
}

/**
 * Reads the view from a query string. Values the backend would refuse (a stale or
 * hand-edited link) are dropped rather than turned into a 400.
 */
export function viewFromSearch(search: string): ConsoleView {
  const params = new URLSearchParams(search);
  const ordering = oneOf(ORDERINGS, params.get("ordering"));
  const category = oneOf(CATEGORIES, params.get("category"));
  const priority = oneOf(PRIORITIES, params.get("priority"));
  const status = oneOf(STATUSES, params.get("status"));
  const text = params.get("search")?.trim();
  const cursor = params.get("cursor");
  // Only the parameters given: the view is part of the list's query key.
  return {
    queue: oneOf(QUEUES, params.get("queue")) ?? DEFAULT_QUEUE,
    ...(ordering && { ordering }),
    ...(category && { category }),
    ...(priority && { priority }),
    ...(status && { status }),
    ...(text && { search: text }),
    ...(cursor && { cursor }),
  };
}

/**
 * The number of the page shown: 1 without a cursor; unknown (undefined) with a cursor
 * whose number the address does not give.
 */
export function pageFromSearch(search: string): number | undefined {
  const params = new URLSearchParams(search);
  if (!params.get("cursor")) {
    return 1;
  }
  const page = Number(params.get(PAGE_PARAM));
  return Number.isInteger(page) && page > 1 ? page : undefined;
}

/**
 * Writes the view, and the number of its page when known, into a query string, keeping
 * any parameters that are not part of it. The default queue goes unsaid, so the desk's
 * plain address stays plain.
 */
export function searchWithView(
  currentSearch: string,
  view: Partial<ConsoleView>,
  page?: number,
): string {
  const params = new URLSearchParams(currentSearch);
  for (const name of VIEW_PARAMS) {
    const value = view[name];
    if (value && !(name === "queue" && value === DEFAULT_QUEUE)) {
      params.set(name, value);
    } else {
      params.delete(name);
    }
  }
  if (view.cursor && page) {
    params.set(PAGE_PARAM, String(page));
  } else {
    params.delete(PAGE_PARAM);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function hasActiveFilters(view: ConsoleView): boolean {
  return Boolean(view.category || view.priority || view.status || view.search);
}

/** The columns the list can be sorted by, and the `ordering` field of each. */
export const SORT_FIELDS = {
  priority: "priority",
  subject: "title",
  requester: "requester",
  assignee: "assignee",
  status: "status",
  updated: "updated_at",
} as const;

export type SortColumn = keyof typeof SORT_FIELDS;

// Priority and last update are read most-urgent and newest first; names A to Z.
const DESCENDING_FIRST: readonly SortColumn[] = ["priority", "updated"];

export type SortDirection = "ascending" | "descending";

export function sortDirection(view: ConsoleView, column: SortColumn): SortDirection | undefined {
  const field = SORT_FIELDS[column];
  if (view.ordering === field) {
    return "ascending";
  }
  if (view.ordering === `-${field}`) {
    return "descending";
  }
  return undefined;
}

/** The ordering after a click on a column's header: its first direction, then the other. */
export function nextOrdering(view: ConsoleView, column: SortColumn): ConsoleView["ordering"] {
  const field = SORT_FIELDS[column];
  const current = sortDirection(view, column);
  const descending = current ? current === "ascending" : DESCENDING_FIRST.includes(column);
  return oneOf(ORDERINGS, descending ? `-${field}` : field);
}
