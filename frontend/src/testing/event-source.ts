import { vi } from "vitest";

/**
 * Stands in for the browser's EventSource, which jsdom lacks: the test opens, fails and
 * sends events on it by hand.
 */
export class FakeEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;

  readonly url: string;
  readonly withCredentials: boolean;
  readyState = FakeEventSource.CONNECTING;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  constructor(url: string | URL, init?: EventSourceInit) {
    super();
    this.url = String(url);
    this.withCredentials = init?.withCredentials ?? false;
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  /** The server answered: the stream is open. */
  open() {
    this.readyState = FakeEventSource.OPEN;
    this.onopen?.(new Event("open"));
  }

  /** A `tickets` event naming the tickets written, or null for "many". */
  sendTickets(ids: number[] | null) {
    this.dispatchEvent(new MessageEvent("tickets", { data: JSON.stringify({ ids }) }));
  }

  /**
   * The stream broke. After a network error the browser tries again by itself; after
   * an HTTP error (`gaveUp`) it closes the source for good.
   */
  fail({ gaveUp = false }: { gaveUp?: boolean } = {}) {
    this.readyState = gaveUp ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    this.onerror?.(new Event("error"));
  }
}

/** Installs the fake as `EventSource`; returns every source opened from then on. */
export function stubEventSource() {
  const opened: FakeEventSource[] = [];
  vi.stubGlobal(
    "EventSource",
    class extends FakeEventSource {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        opened.push(this);
      }
    },
  );
  return {
    opened,
    /** The one source opened last; fails the test when none was. */
    latest: () => {
      const source = opened.at(-1);
      if (!source) {
        throw new Error("No EventSource was opened");
      }
      return source;
    },
  };
}
