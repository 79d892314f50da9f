import { useRouter, useRouterState } from "@tanstack/react-router";
import { useCallback, useMemo } from "react";
import { type ConsoleView, pageFromSearch, searchWithView, viewFromSearch } from "../view";

/**
 * The console's view lives in the query string, so it can be shared, reloaded and
 * undone with Back: each change is a history entry.
 */
export function useConsoleView() {
  const router = useRouter();
  const search = useRouterState({ select: (state) => state.location.searchStr });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const view = useMemo(() => viewFromSearch(search), [search]);
  const page = useMemo(() => pageFromSearch(search), [search]);

  const navigate = useCallback(
    (changes: Partial<ConsoleView>, page?: number) => {
      // The history's own location: two changes in a row must not lose the first.
      const { pathname, search: current } = router.history.location;
      const query = searchWithView(current, { ...viewFromSearch(current), ...changes }, page);
      if (query === current) {
        return;
      }
      // A new view changes what the list shows, not where the page is scrolled.
      router.navigate({ href: `${pathname}${query}`, resetScroll: false });
    },
    [router],
  );

  /** Another queue, filter or order, from its first page; the same one stays on its page. */
  const setView = useCallback(
    (changes: Partial<Omit<ConsoleView, "cursor">>) => {
      const current = viewFromSearch(router.history.location.search);
      const names = Object.keys(changes) as (keyof typeof changes)[];
      if (names.some((name) => changes[name] !== current[name])) {
        navigate({ ...changes, cursor: undefined });
      }
    },
    [router, navigate],
  );

  /** Another page of the same view: its cursor (none for the first) and number if known. */
  const showPage = useCallback(
    (cursor: string | undefined, page: number | undefined) => navigate({ cursor }, page),
    [navigate],
  );

  /** The address of the same page showing another queue, with the same filters. */
  const hrefForQueue = useCallback(
    (queue: ConsoleView["queue"]) =>
      `${pathname}${searchWithView(search, { ...view, queue, cursor: undefined })}`,
    [pathname, search, view],
  );

  return { view, page, setView, showPage, hrefForQueue };
}
