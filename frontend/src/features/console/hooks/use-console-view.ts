import { useRouter, useRouterState } from "@tanstack/react-router";
import { useCallback, useMemo } from "react";
import { type ConsoleView, searchWithView, viewFromSearch } from "../view";

/**
 * The console's view lives in the query string, so it can be shared, reloaded and
 * undone with Back: each change is a history entry.
 */
export function useConsoleView() {
  const router = useRouter();
  const search = useRouterState({ select: (state) => state.location.searchStr });
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const view = useMemo(() => viewFromSearch(search), [search]);

  const setView = useCallback(
    (changes: Partial<ConsoleView>) => {
      // The history's own location: two changes in a row must not lose the first.
      const { pathname, search: current } = router.history.location;
      const query = searchWithView(current, { ...viewFromSearch(current), ...changes });
      if (query === current) {
        return;
      }
      // A new view changes what the list shows, not where the page is scrolled.
      router.navigate({ href: `${pathname}${query}`, resetScroll: false });
    },
    [router],
  );

  /** The address of the same page showing another queue, with the same filters. */
  const hrefForQueue = useCallback(
    (queue: ConsoleView["queue"]) => `${pathname}${searchWithView(search, { ...view, queue })}`,
    [pathname, search, view],
  );

  return { view, setView, hrefForQueue };
}
