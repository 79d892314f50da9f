import { focusManager, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { LiveStatus } from "./live-status";
import { classifierKeys, statsKeys, ticketKeys } from "./query-keys";

/** Events this close together are handled with one round of refetches. */
export const LIVE_COALESCE_MS = 300;
/**
 * EventSource reconnects by itself after a network error, but gives up for good when
 * the server answers with an HTTP error (a proxy's 502 while the events server
 * restarts): the stream is then opened again after this long, polling meanwhile.
 */
export const LIVE_REOPEN_DELAY_MS = 30_000;

/**
 * Marks as stale what shows the tickets `ids` (all tickets when null), and what counts
 * tickets. Queries on screen refetch at once; in a hidden tab nothing is fetched until
 * it is shown again, as polling would not have either.
 */
export function invalidateTicketQueries(
  queryClient: QueryClient,
  ids: Iterable<number> | null,
): void {
  const queryKeys: QueryKey[] = [statsKeys.all, classifierKeys.report];
  if (ids === null) {
    queryKeys.push(ticketKeys.all);
  } else {
    queryKeys.push(ticketKeys.lists(), ticketKeys.queues());
    for (const id of ids) {
      queryKeys.push(ticketKeys.detail(id), ticketKeys.history(id), ticketKeys.comments(id));
    }
  }
  const refetchType = focusManager.isFocused() ? "active" : "none";
  for (const queryKey of queryKeys) {
    void queryClient.invalidateQueries({ queryKey, refetchType });
  }
}

/** The ids of a `tickets` event; null ("reload everything") for anything else. */
export function parseChangedIds(data: string): number[] | null {
  try {
    const { ids } = JSON.parse(data) as { ids?: unknown };
    return Array.isArray(ids) && ids.every(Number.isInteger) ? ids : null;
  } catch {
    return null;
  }
}

type LiveUpdatesOptions = {
  url: string;
  queryClient: QueryClient;
  onStatus: (status: LiveStatus) => void;
};

/**
 * Opens the live-updates stream (Server-Sent Events, with the session cookie) and keeps
 * it open until the returned function is called. Each `tickets` event invalidates the
 * queries that show those tickets; an open after a gap reloads everything, since
 * changes may have been missed meanwhile.
 */
export function connectLiveUpdates({ url, queryClient, onStatus }: LiveUpdatesOptions) {
  let source: EventSource | null = null;
  let reopenTimer: ReturnType<typeof setTimeout> | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  // The tickets changed since the last round; null: all of them.
  let changed: Set<number> | null = new Set();

  const flush = () => {
    flushTimer = undefined;
    const ids = changed;
    changed = new Set();
    invalidateTicketQueries(queryClient, ids);
  };
  const collect = (ids: readonly number[] | null) => {
    if (ids === null) {
      changed = null;
    } else if (changed) {
      for (const id of ids) {
        changed.add(id);
      }
    }
    flushTimer ??= setTimeout(flush, LIVE_COALESCE_MS);
  };

  const open = () => {
    reopenTimer = undefined;
    onStatus("connecting");
    const stream = new EventSource(url, { withCredentials: true });
    source = stream;
    stream.onopen = () => {
      onStatus("open");
      collect(null);
    };
    stream.addEventListener("tickets", (event) => collect(parseChangedIds(event.data)));
    stream.onerror = () => {
      onStatus("connecting");
      if (stream.readyState === EventSource.CLOSED) {
        source = null;
        reopenTimer = setTimeout(open, LIVE_REOPEN_DELAY_MS);
      }
    };
  };

  open();
  return () => {
    clearTimeout(reopenTimer);
    clearTimeout(flushTimer);
    source?.close();
    source = null;
  };
}
