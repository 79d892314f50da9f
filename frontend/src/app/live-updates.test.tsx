import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CONSOLE_REFRESH_INTERVAL_MS } from "@/config/constants";
import { LIVE_COALESCE_MS } from "@/lib/live-updates";
import { endSession } from "@/lib/session";
import { makeMe, makePage, makeTicket } from "@/testing/data";
import { stubEventSource } from "@/testing/event-source";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { Me, QueueCounts, SiteConfig } from "@/types/api";
import { LiveUpdates } from "./live-updates";
import { AppLayout } from "./routes/app-layout";
import { DeskPage } from "./routes/desk";

const EVENTS_URL = "/api/events/";
const AGENT = makeMe({ id: 2, name: "Alex Agent", role: "agent" });
const REQUESTER = makeMe({ id: 7, name: "Rita Requester", role: "requester" });
const COUNTS: QueueCounts = {
  mine: 1,
  unassigned: 2,
  triage: 0,
  open: 3,
  resolved_recently: 0,
  all: 3,
};

function stubDesk(eventsUrl: string) {
  const config: SiteConfig = {
    setup_needed: false,
    signup_open: false,
    demo: false,
    events_url: eventsUrl,
  };
  return stubFetch({
    "GET /api/config/": () => jsonResponse(config),
    "GET /api/tickets/": () => jsonResponse(makePage([makeTicket({ title: "Printer on fire" })])),
    "GET /api/tickets/queues/": () => jsonResponse(COUNTS),
    "GET /api/users/": () => jsonResponse({ next: null, previous: null, results: [] }),
  });
}

async function renderDesk(me: Me = AGENT) {
  const rendered = await renderWithProviders(
    <LiveUpdates me={me}>
      <DeskPage />
    </LiveUpdates>,
    { url: "/desk", me },
  );
  await screen.findByText("Printer on fire");
  return rendered;
}

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));
const indicator = () => screen.getByTestId("live-indicator");

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("LiveUpdates", () => {
  it("stops polling the desk while the stream is open, and polls again once it breaks", async () => {
    const sources = stubEventSource();
    const api = stubDesk(EVENTS_URL);
    await renderDesk();
    await waitFor(() => expect(sources.opened).toHaveLength(1));
    expect(sources.latest().url).toBe(EVENTS_URL);
    const counts = () => api.to("GET", "/api/tickets/queues/").length;
    const lists = () => api.to("GET", "/api/tickets/").length;

    // Still connecting: the desk polls as it always has.
    expect(indicator()).toHaveTextContent("Updates every 10 s");
    let before = counts();
    await wait(CONSOLE_REFRESH_INTERVAL_MS);
    expect(counts()).toBe(before + 1);

    // Open: one reload for what may have been missed, then nothing until an event.
    act(() => sources.latest().open());
    expect(indicator()).toHaveTextContent("Live");
    before = counts();
    const listsBefore = lists();
    await wait(LIVE_COALESCE_MS);
    expect(counts()).toBe(before + 1);
    expect(lists()).toBe(listsBefore + 1);
    await wait(6 * CONSOLE_REFRESH_INTERVAL_MS);
    expect(counts()).toBe(before + 1);
    expect(lists()).toBe(listsBefore + 1);

    act(() => sources.latest().sendTickets([1]));
    await wait(LIVE_COALESCE_MS);
    expect(counts()).toBe(before + 2);
    expect(lists()).toBe(listsBefore + 2);

    // Broken: polling again while the browser reconnects.
    act(() => sources.latest().fail());
    expect(indicator()).toHaveTextContent("Updates every 10 s");
    before = counts();
    await wait(CONSOLE_REFRESH_INTERVAL_MS);
    expect(counts()).toBe(before + 1);
  });

  it("never opens the stream for a requester", async () => {
    const sources = stubEventSource();
    const api = stubDesk(EVENTS_URL);
    await renderWithProviders(<AppLayout />, { url: "/my-tickets", me: REQUESTER });
    await waitFor(() => expect(api.to("GET", "/api/config/")).toHaveLength(1));
    await wait(CONSOLE_REFRESH_INTERVAL_MS);

    expect(sources.opened).toHaveLength(0);
  });

  it("closes the stream when the agent signs out", async () => {
    const sources = stubEventSource();
    stubDesk(EVENTS_URL);
    const { queryClient } = await renderWithProviders(<AppLayout />, { url: "/desk", me: AGENT });
    await waitFor(() => expect(sources.opened).toHaveLength(1));
    act(() => sources.latest().open());

    act(() => endSession(queryClient));
    await wait(0);

    expect(screen.queryByTestId("user-menu")).not.toBeInTheDocument();
    expect(sources.latest().readyState).toBe(EventSource.CLOSED);
    expect(sources.opened).toHaveLength(1);
  });
});
