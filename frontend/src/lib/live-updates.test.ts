import { focusManager, type QueryKey } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { stubEventSource } from "@/testing/event-source";
import { createTestQueryClient } from "@/testing/render";
import type { LiveStatus } from "./live-status";
import {
  connectLiveUpdates,
  LIVE_COALESCE_MS,
  LIVE_REOPEN_DELAY_MS,
  parseChangedIds,
} from "./live-updates";
import { classifierKeys, statsKeys, ticketKeys } from "./query-keys";

const EVENTS_URL = "http://127.0.0.1:8001/api/events/";

/** A client holding every kind of query the stream may invalidate, for tickets 12 and 99. */
function cachedQueries() {
  const queryClient = createTestQueryClient();
  const keys: Record<string, QueryKey> = {
    list: ticketKeys.list({ status: "open" }),
    queues: ticketKeys.queues(),
    stats: statsKeys.all,
    report: classifierKeys.report,
    detail12: ticketKeys.detail(12),
    history12: ticketKeys.history(12),
    comments12: ticketKeys.comments(12),
    detail99: ticketKeys.detail(99),
    history99: ticketKeys.history(99),
    comments99: ticketKeys.comments(99),
  };
  for (const key of Object.values(keys)) {
    queryClient.setQueryData(key, {});
  }
  const invalidated = () =>
    Object.entries(keys)
      .filter(([, key]) => queryClient.getQueryState(key)?.isInvalidated)
      .map(([name]) => name);
  return { queryClient, invalidated };
}

function connect(queryClient = createTestQueryClient()) {
  const statuses: LiveStatus[] = [];
  const close = connectLiveUpdates({
    url: EVENTS_URL,
    queryClient,
    onStatus: (status) => statuses.push(status),
  });
  return { statuses, close };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("connectLiveUpdates", () => {
  it("opens the stream with the session cookie and says when it is open", () => {
    const sources = stubEventSource();
    const { statuses } = connect();

    expect(sources.opened).toHaveLength(1);
    expect(sources.latest().url).toBe(EVENTS_URL);
    expect(sources.latest().withCredentials).toBe(true);
    expect(statuses).toEqual(["connecting"]);

    sources.latest().open();
    expect(statuses).toEqual(["connecting", "open"]);
  });

  it("invalidates the lists, counts, stats, report and the named tickets' pages", () => {
    const sources = stubEventSource();
    const { queryClient, invalidated } = cachedQueries();
    connect(queryClient);
    sources.latest().open();
    vi.advanceTimersByTime(LIVE_COALESCE_MS);
    for (const query of queryClient.getQueryCache().getAll()) {
      query.setData({});
    }
    expect(invalidated()).toEqual([]);

    sources.latest().sendTickets([12]);
    expect(invalidated()).toEqual([]);
    vi.advanceTimersByTime(LIVE_COALESCE_MS);

    expect(invalidated()).toEqual([
      "list",
      "queues",
      "stats",
      "report",
      "detail12",
      "history12",
      "comments12",
    ]);
  });

  it("invalidates every ticket when the event names none (many changed)", () => {
    const sources = stubEventSource();
    const { queryClient, invalidated } = cachedQueries();
    connect(queryClient);

    sources.latest().sendTickets(null);
    vi.advanceTimersByTime(LIVE_COALESCE_MS);

    expect(invalidated()).toHaveLength(10);
  });

  it("handles a burst of events with one round of invalidations", () => {
    const sources = stubEventSource();
    const { queryClient, invalidated } = cachedQueries();
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    connect(queryClient);
    const statsRounds = () =>
      invalidate.mock.calls.filter(([filters]) => filters?.queryKey === statsKeys.all).length;

    sources.latest().sendTickets([12]);
    vi.advanceTimersByTime(LIVE_COALESCE_MS / 2);
    sources.latest().sendTickets([99]);
    sources.latest().sendTickets([12]);
    expect(statsRounds()).toBe(0);
    vi.advanceTimersByTime(LIVE_COALESCE_MS / 2);

    expect(statsRounds()).toBe(1);
    expect(invalidated()).toContain("detail12");
    expect(invalidated()).toContain("detail99");
    expect(invalidate).toHaveBeenCalledTimes(4 + 2 * 3);

    sources.latest().sendTickets([12]);
    vi.advanceTimersByTime(LIVE_COALESCE_MS);
    expect(statsRounds()).toBe(2);
  });

  it("reloads everything each time the stream opens, since changes may have been missed", () => {
    const sources = stubEventSource();
    const { queryClient, invalidated } = cachedQueries();
    const { statuses } = connect(queryClient);

    sources.latest().open();
    vi.advanceTimersByTime(LIVE_COALESCE_MS);
    expect(invalidated()).toHaveLength(10);

    for (const query of queryClient.getQueryCache().getAll()) {
      query.setData({});
    }
    sources.latest().fail();
    expect(statuses.at(-1)).toBe("connecting");
    vi.advanceTimersByTime(LIVE_COALESCE_MS);
    expect(invalidated()).toEqual([]);

    sources.latest().open();
    vi.advanceTimersByTime(LIVE_COALESCE_MS);
    expect(statuses.at(-1)).toBe("open");
    expect(invalidated()).toHaveLength(10);
    expect(sources.opened).toHaveLength(1);
  });

  it("opens a new stream a while after the server refused one", () => {
    const sources = stubEventSource();
    const { statuses } = connect();

    sources.latest().fail({ gaveUp: true });
    expect(statuses).toEqual(["connecting", "connecting"]);
    vi.advanceTimersByTime(LIVE_REOPEN_DELAY_MS - 1);
    expect(sources.opened).toHaveLength(1);

    vi.advanceTimersByTime(1);
    expect(sources.opened).toHaveLength(2);
    sources.latest().open();
    expect(statuses.at(-1)).toBe("open");
  });

  it("in a hidden tab, marks queries stale without fetching them", () => {
    const sources = stubEventSource();
    const { queryClient } = cachedQueries();
    const invalidate = vi.spyOn(queryClient, "invalidateQueries");
    connect(queryClient);
    focusManager.setFocused(false);
    try {
      sources.latest().sendTickets([12]);
      vi.advanceTimersByTime(LIVE_COALESCE_MS);
    } finally {
      focusManager.setFocused(undefined);
    }

    expect(invalidate).toHaveBeenCalled();
    for (const [filters] of invalidate.mock.calls) {
      expect(filters?.refetchType).toBe("none");
    }
  });

  it("closes the stream, and drops what was waiting, when closed", () => {
    const sources = stubEventSource();
    const { queryClient, invalidated } = cachedQueries();
    const { close } = connect(queryClient);
    sources.latest().sendTickets([12]);

    close();
    vi.advanceTimersByTime(LIVE_COALESCE_MS);

    expect(sources.latest().readyState).toBe(EventSource.CLOSED);
    expect(invalidated()).toEqual([]);
  });

  it("stops trying again once closed", () => {
    const sources = stubEventSource();
    const { close } = connect();
    sources.latest().fail({ gaveUp: true });

    close();
    vi.advanceTimersByTime(LIVE_REOPEN_DELAY_MS);

    expect(sources.opened).toHaveLength(1);
  });
});

describe("parseChangedIds", () => {
  it("reads the ids, and takes anything else for many (null)", () => {
    expect(parseChangedIds('{"ids": [12, 13]}')).toEqual([12, 13]);
    expect(parseChangedIds('{"ids": null}')).toBeNull();
    expect(parseChangedIds('{"ids": ["12"]}')).toBeNull();
    expect(parseChangedIds("{}")).toBeNull();
    expect(parseChangedIds("not json")).toBeNull();
  });
});
