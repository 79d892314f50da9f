import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeMe, makePage, makeTicket } from "@/testing/data";
import { deferred, jsonResponse, stubFetch, validationError } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import { TicketList } from "./ticket-list";

const LIST = "/api/tickets/";

function card(title: string) {
  return within(screen.getByRole("article", { name: title }));
}

function lastListParams(api: ReturnType<typeof stubFetch>) {
  const requests = api.to("GET", LIST);
  return Object.fromEntries(requests[requests.length - 1].url.searchParams);
}

describe("TicketList filters", () => {
  it("keeps category, priority and status behind More filters on a phone, unless one is in use", async () => {
    stubFetch({ [`GET ${LIST}`]: () => jsonResponse(makePage([makeTicket()])) });
    const { user, unmount } = await renderWithProviders(<TicketList />, { url: "/" });
    await screen.findByText("Charged twice for my subscription");

    const more = screen.getByRole("button", { name: "More filters" });
    expect(more).toHaveAttribute("aria-expanded", "false");
    expect(screen.getByLabelText("Search")).toBeVisible();
    expect(screen.getByLabelText("Category")).not.toBeVisible();
    await user.click(more);
    expect(more).toHaveAttribute("aria-expanded", "true");
    expect(screen.getByLabelText("Category")).toBeVisible();
    unmount();

    await renderWithProviders(<TicketList />, { url: "/?status=open" });
    await screen.findByText("Charged twice for my subscription");
    expect(screen.getByLabelText("Status")).toBeVisible();
    expect(screen.queryByRole("button", { name: /More filters/ })).not.toBeInTheDocument();
  });

  it("reads the filters from the URL and asks the server for exactly those", async () => {
    const api = stubFetch({ [`GET ${LIST}`]: () => jsonResponse(makePage([makeTicket()])) });
    await renderWithProviders(<TicketList />, {
      url: "/?category=billing&status=open&search=refund",
    });

    expect(await screen.findByText("Charged twice for my subscription")).toBeInTheDocument();
    expect(lastListParams(api)).toEqual({
      category: "billing",
      status: "open",
      search: "refund",
      page_size: "20",
    });
    expect(screen.getByLabelText("Category")).toHaveValue("billing");
    expect(screen.getByLabelText("Status")).toHaveValue("open");
    expect(screen.getByLabelText("Priority")).toHaveValue("");
    expect(screen.getByLabelText("Search")).toHaveValue("refund");
  });

  it("writes each filter change to the query string and refetches", async () => {
    const api = stubFetch({ [`GET ${LIST}`]: () => jsonResponse(makePage([makeTicket()])) });
    const { user } = await renderWithProviders(<TicketList />);
    await screen.findByText("Charged twice for my subscription");

    await user.selectOptions(screen.getByLabelText("Priority"), "high");
    expect(window.location.search).toBe("?priority=high");
    await waitFor(() => expect(lastListParams(api)).toMatchObject({ priority: "high" }));

    await user.selectOptions(screen.getByLabelText("Category"), "billing");
    await user.type(screen.getByLabelText("Search"), "refund");
    await waitFor(() =>
      expect(new URLSearchParams(window.location.search).get("search")).toBe("refund"),
    );
    expect(new URLSearchParams(window.location.search).get("category")).toBe("billing");
    await waitFor(() =>
      expect(lastListParams(api)).toMatchObject({
        priority: "high",
        category: "billing",
        search: "refund",
      }),
    );

    await user.click(screen.getByRole("button", { name: "Clear filters" }));
    expect(window.location.search).toBe("");
    expect(screen.getByLabelText("Search")).toHaveValue("");
    expect(screen.getByLabelText("Priority")).toHaveValue("");
  });

  it("follows the Back button to an earlier filter", async () => {
    stubFetch({ [`GET ${LIST}`]: () => jsonResponse(makePage([makeTicket()])) });
    const { user } = await renderWithProviders(<TicketList />, { url: "/?status=open" });
    await screen.findByText("Charged twice for my subscription");

    await user.selectOptions(screen.getByLabelText("Status"), "closed");
    expect(screen.getByLabelText("Status")).toHaveValue("closed");

    window.history.back();
    await waitFor(() => expect(screen.getByLabelText("Status")).toHaveValue("open"));
  });
});

describe("TicketList states", () => {
  it("says when no ticket matches the filters, and offers to clear them", async () => {
    stubFetch({ [`GET ${LIST}`]: () => jsonResponse(makePage([])) });
    const { user } = await renderWithProviders(<TicketList />, { url: "/?priority=critical" });

    expect(await screen.findByText("No tickets match these filters")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Show all tickets" }));

    expect(window.location.search).toBe("");
    expect(await screen.findByText("No tickets yet")).toBeInTheDocument();
  });

  it("shows skeletons while loading, then an error with a working retry", async () => {
    const first = deferred();
    let calls = 0;
    stubFetch({
      [`GET ${LIST}`]: () => {
        calls += 1;
        return calls === 1 ? first.promise : jsonResponse(makePage([makeTicket()]));
      },
    });
    const { user } = await renderWithProviders(<TicketList />);

    expect(screen.getByLabelText("Loading tickets")).toHaveAttribute("aria-busy", "true");
    first.resolve(validationError(null, "The database is not answering.", 503));

    expect(await screen.findByText("The tickets could not be loaded")).toBeInTheDocument();
    expect(screen.getByText("The database is not answering.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));

    expect(await screen.findByText("Charged twice for my subscription")).toBeInTheDocument();
  });

  it("shows when each ticket came in, with the exact time on hover", async () => {
    const createdAt = new Date(Date.now() - 5 * 60_000).toISOString();
    stubFetch({
      [`GET ${LIST}`]: () => jsonResponse(makePage([makeTicket({ created_at: createdAt })])),
    });
    await renderWithProviders(<TicketList />);

    const time = await screen.findByText("5 min. ago");
    expect(time).toHaveAttribute("datetime", createdAt);
    expect(time.getAttribute("title")).toMatch(/\d{4}/);
  });

  it("loads the next page through the cursor link the server gave", async () => {
    const older = makeTicket({ id: 2, title: "Older ticket" });
    const api = stubFetch({
      [`GET ${LIST}`]: ({ url }) =>
        url.searchParams.get("cursor") === "abc"
          ? jsonResponse(makePage([older]))
          : jsonResponse(
              makePage([makeTicket()], "http://backend.internal:8000/api/tickets/?cursor=abc"),
            ),
    });
    const { user } = await renderWithProviders(<TicketList />);
    await screen.findByText("Charged twice for my subscription");

    await user.click(screen.getByRole("button", { name: "Load more" }));

    expect(await screen.findByText("Older ticket")).toBeInTheDocument();
    expect(api.to("GET", LIST).at(-1)?.url.href).toBe(
      `${window.location.origin}/api/tickets/?cursor=abc`,
    );
    expect(screen.queryByRole("button", { name: "Load more" })).not.toBeInTheDocument();
  });
});

describe("TicketList opening a ticket", () => {
  it("links each title to the ticket's own page", async () => {
    stubFetch({
      [`GET ${LIST}`]: () =>
        jsonResponse(makePage([makeTicket({ id: 5, title: "Cannot log in" })])),
    });
    await renderWithProviders(<TicketList />, { url: "/desk" });

    const link = await screen.findByRole("link", { name: "Cannot log in" });
    expect(link).toHaveAttribute("href", "/tickets/5");
    expect(card("Cannot log in").getByRole("link")).toBe(link);
  });
});

describe("TicketList last reply", () => {
  it("says who replied last and when, own replies as You, unread ones as New reply", async () => {
    const rita = makeMe({ id: 7, name: "Rita Requester", role: "requester" });
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000).toISOString();
    stubFetch({
      [`GET ${LIST}`]: () =>
        jsonResponse(
          makePage([
            makeTicket({
              id: 1,
              title: "Answered by an agent",
              unread: true,
              last_reply_at: twoHoursAgo,
              last_reply_by: { id: 3, name: "Alex Agent", email: "alex@example.com" },
            }),
            makeTicket({
              id: 2,
              title: "Answered by me",
              last_reply_at: twoHoursAgo,
              last_reply_by: { id: 7, name: "Rita Requester", email: "rita@example.com" },
            }),
            makeTicket({ id: 3, title: "Not answered" }),
          ]),
        ),
    });
    await renderWithProviders(<TicketList heading="Your tickets" />, { me: rita });

    await screen.findByText("Answered by an agent");
    expect(card("Answered by an agent").getByTestId("last-reply")).toHaveTextContent(
      "Alex Agent replied 2 hr. ago",
    );
    expect(card("Answered by me").getByTestId("last-reply")).toHaveTextContent(
      "You replied 2 hr. ago",
    );
    expect(card("Not answered").getByTestId("last-reply")).toHaveTextContent("No replies yet");
    expect(card("Answered by an agent").getByText("New reply")).toBeVisible();
    expect(card("Answered by me").queryByText("New reply")).not.toBeInTheDocument();
  });
});
