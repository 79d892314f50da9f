import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ticketKeys } from "@/lib/query-keys";
import { makeMe, makePage, makeTicket } from "@/testing/data";
import { deferred, jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { QueueCounts, Ticket } from "@/types/api";
import { TicketConsole } from "./ticket-console";

const COUNTS: QueueCounts = {
  mine: 3,
  unassigned: 5,
  triage: 2,
  open: 12,
  resolved_recently: 4,
  all: 40,
};
const ME = makeMe({ id: 1, name: "Alex Agent", role: "agent" });
const PEOPLE = [
  { id: 1, name: "Alex Agent", email: "alex@example.com" },
  { id: 2, name: "Bea Agent", email: "bea@example.com" },
];

const TICKETS: Ticket[] = [
  makeTicket({ id: 11, title: "Printer on fire", priority: "critical" }),
  makeTicket({ id: 12, title: "Cannot sign in", unread: true }),
  makeTicket({ id: 13, title: "Invoice question", priority: "low" }),
];

function stubConsole(routes: Parameters<typeof stubFetch>[0] = {}) {
  return stubFetch({
    "GET /api/tickets/": () => jsonResponse(makePage(TICKETS)),
    "GET /api/tickets/queues/": () => jsonResponse(COUNTS),
    ...routes,
  });
}

async function renderConsole(url = "/desk") {
  const rendered = await renderWithProviders(<TicketConsole me={ME} people={PEOPLE} />, {
    url,
    me: ME,
  });
  await screen.findByText("Printer on fire");
  return rendered;
}

const path = () => `${window.location.pathname}${window.location.search}`;

// Two pages, linked as the API links them: absolute URLs with an opaque cursor.
const SECOND_PAGE = [makeTicket({ id: 21, title: "Second page ticket" })];
const API_ROOT = "http://testserver/api/tickets/";

function stubPages() {
  return stubConsole({
    "GET /api/tickets/": ({ url }) =>
      url.searchParams.get("cursor") === "cD0y"
        ? jsonResponse({
            next: null,
            previous: `${API_ROOT}?cursor=cj0xJnA9Mg&page_size=25`,
            results: SECOND_PAGE,
          })
        : jsonResponse(makePage(TICKETS, `${API_ROOT}?cursor=cD0y&page_size=25`)),
  });
}

describe("TicketConsole", () => {
  it("shows each queue with its count, and asks the list for the queue in the URL", async () => {
    const api = stubConsole();
    await renderConsole("/desk?queue=mine");

    const queues = screen.getByRole("navigation", { name: "Queues" });
    await waitFor(() => expect(within(queues).getByText("40")).toBeInTheDocument());
    const mine = within(queues).getByRole("link", { name: /My open/ });
    expect(mine).toHaveAttribute("aria-current", "page");
    expect(mine).toHaveTextContent("3");
    expect(within(queues).getByRole("link", { name: /Unassigned/ })).toHaveTextContent("5");
    expect(api.to("GET", "/api/tickets/")[0].url.searchParams.get("queue")).toBe("mine");
  });

  it("lists the Triage queue with its count and marks rows whose labels need triage", async () => {
    const api = stubConsole({
      "GET /api/tickets/": () =>
        jsonResponse(
          makePage([
            makeTicket({ id: 11, title: "Printer on fire", needs_triage: true }),
            makeTicket({ id: 13, title: "Invoice question" }),
          ]),
        ),
    });
    await renderConsole("/desk?queue=triage");

    const queues = screen.getByRole("navigation", { name: "Queues" });
    const triage = within(queues).getByRole("link", { name: /Triage/ });
    expect(triage).toHaveAttribute("aria-current", "page");
    await waitFor(() => expect(triage).toHaveTextContent("2"));
    expect(api.to("GET", "/api/tickets/")[0].url.searchParams.get("queue")).toBe("triage");

    const marked = screen.getByRole("row", { name: /Printer on fire/ });
    expect(marked).toHaveAccessibleName(
      /^Printer on fire\s*\(needs triage: labels not confirmed\)$/,
    );
    expect(
      within(screen.getByRole("row", { name: /Invoice question/ })).queryByTestId("needs-triage"),
    ).toBeNull();
  });

  it("marks rows a language model is still classifying, until the worker has had long enough", async () => {
    const filed = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    stubConsole({
      "GET /api/tickets/": () =>
        jsonResponse(
          makePage([
            makeTicket({
              id: 11,
              title: "Printer on fire",
              classifying: true,
              created_at: filed(0),
            }),
            makeTicket({
              id: 12,
              title: "Cannot sign in",
              classifying: true,
              needs_triage: true,
              created_at: filed(1),
            }),
            makeTicket({
              id: 13,
              title: "Invoice question",
              classifying: true,
              created_at: filed(10),
            }),
          ]),
        ),
    });
    await renderConsole();

    expect(screen.getByRole("row", { name: /Printer on fire/ })).toHaveAccessibleName(
      /^Printer on fire\s*\(classifying: labels may still change\)$/,
    );
    expect(screen.getByRole("row", { name: /Cannot sign in/ })).toHaveAccessibleName(
      /^Cannot sign in\s*\(needs triage: labels not confirmed\)\s*\(classifying: labels may still change\)$/,
    );
    expect(
      within(screen.getByRole("row", { name: /Invoice question/ })).queryByTestId("classifying"),
    ).toBeNull();
  });

  it("opens All open by default and switches queues through the URL", async () => {
    const api = stubConsole();
    const { user } = await renderConsole();

    const queues = screen.getByRole("navigation", { name: "Queues" });
    expect(within(queues).getByRole("link", { name: /All open/ })).toHaveAttribute(
      "aria-current",
      "page",
    );
    expect(api.to("GET", "/api/tickets/")[0].url.searchParams.get("queue")).toBe("open");

    await user.click(within(queues).getByRole("link", { name: /Unassigned/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=unassigned"));
    await waitFor(() =>
      expect(api.to("GET", "/api/tickets/").at(-1)?.url.searchParams.get("queue")).toBe(
        "unassigned",
      ),
    );
  });

  it("marks unread tickets with a dot, bold text and words for screen readers", async () => {
    stubConsole();
    await renderConsole();
    const link = screen.getByRole("link", { name: /Cannot sign in/ });
    expect(link).toHaveTextContent("(new reply)");
    expect(screen.getByRole("link", { name: "Printer on fire" })).not.toHaveTextContent(
      "new reply",
    );
  });

  it("sorts by a column header: first direction, then the other, in the URL and the query", async () => {
    const api = stubConsole();
    const { user } = await renderConsole();

    const header = () => screen.getByRole("columnheader", { name: /Priority/ });
    expect(header()).toHaveAttribute("aria-sort", "none");

    await user.click(within(header()).getByRole("button"));
    await waitFor(() => expect(path()).toBe("/desk?ordering=-priority"));
    expect(header()).toHaveAttribute("aria-sort", "descending");
    await waitFor(() =>
      expect(api.to("GET", "/api/tickets/").at(-1)?.url.searchParams.get("ordering")).toBe(
        "-priority",
      ),
    );

    await user.click(within(header()).getByRole("button"));
    await waitFor(() => expect(path()).toBe("/desk?ordering=priority"));
    expect(header()).toHaveAttribute("aria-sort", "ascending");

    await user.click(
      within(screen.getByRole("columnheader", { name: /Subject/ })).getByRole("button"),
    );
    await waitFor(() => expect(path()).toBe("/desk?ordering=title"));
  });

  it("assigns the selected tickets to me with one request, then clears the selection", async () => {
    const api = stubConsole({
      "POST /api/tickets/bulk/": ({ body }) => {
        const { ids } = body as { ids: number[] };
        return jsonResponse({
          results: ids.map((id) => makeTicket({ id, assignee: PEOPLE[0] })),
        });
      },
    });
    const { user } = await renderConsole();

    await user.click(screen.getByRole("checkbox", { name: "Select #11" }));
    await user.click(screen.getByRole("checkbox", { name: "Select #13" }));
    const bar = screen.getByRole("toolbar", { name: "Selected tickets" });
    await waitFor(() => expect(bar).toHaveTextContent("2 selected"));

    await user.click(within(bar).getByRole("button", { name: /Assign to/ }));
    await user.click(await screen.findByRole("menuitem", { name: /Me \(Alex Agent\)/ }));

    await waitFor(() => expect(api.to("POST", "/api/tickets/bulk/")).toHaveLength(1));
    expect(api.to("POST", "/api/tickets/bulk/")[0].body).toEqual({ ids: [11, 13], assignee: 1 });
    expect(await screen.findByText("2 tickets updated")).toBeInTheDocument();
    expect(screen.queryByRole("toolbar", { name: "Selected tickets" })).not.toBeInTheDocument();
  });

  it("selects the whole page and sets a status, showing the server's refusal", async () => {
    const api = stubConsole({
      "POST /api/tickets/bulk/": () =>
        jsonResponse(
          {
            type: "validation_error",
            errors: [
              { code: "does_not_exist", detail: "No ticket has these ids: 13.", attr: "ids" },
            ],
          },
          400,
        ),
    });
    const { user } = await renderConsole();

    await user.click(screen.getByRole("checkbox", { name: "Select every ticket on this page" }));
    const bar = await screen.findByRole("toolbar", { name: "Selected tickets" });
    expect(bar).toHaveTextContent("3 selected");
    await user.click(within(bar).getByRole("button", { name: /Set status/ }));
    await user.click(await screen.findByRole("menuitem", { name: "Resolved" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("No ticket has these ids: 13.");
    expect(api.to("POST", "/api/tickets/bulk/")[0].body).toEqual({
      ids: [11, 12, 13],
      status: "resolved",
    });
    expect(bar).toHaveTextContent("3 selected");
  });

  it("moves with j and k, selects with x and opens with Enter", async () => {
    stubConsole();
    const { user } = await renderConsole();
    const rows = () => within(screen.getAllByRole("rowgroup")[1]).getAllByRole("row");

    await user.keyboard("j");
    expect(rows()[0]).toHaveFocus();
    await user.keyboard("jj");
    expect(rows()[2]).toHaveFocus();
    await user.keyboard("k");
    expect(rows()[1]).toHaveFocus();

    await user.keyboard("x");
    expect(screen.getByRole("checkbox", { name: "Select #12" })).toBeChecked();
    await user.keyboard("x");
    expect(screen.getByRole("checkbox", { name: "Select #12" })).not.toBeChecked();

    await user.keyboard("{Enter}");
    await waitFor(() => expect(path()).toBe("/tickets/12"));
  });

  it("focuses search with /, and ignores shortcuts while typing or with a modifier", async () => {
    stubConsole();
    const { user } = await renderConsole();

    await user.keyboard("/");
    const search = screen.getByRole("searchbox", { name: "Search" });
    expect(search).toHaveFocus();
    await user.keyboard("jx");
    expect(search).toHaveValue("jx");
    expect(screen.queryByRole("toolbar", { name: "Selected tickets" })).not.toBeInTheDocument();

    await user.keyboard("{Escape}");
    await user.keyboard("{Control>}j{/Control}");
    expect(document.activeElement?.tagName).not.toBe("TR");
  });

  it("keeps the active ticket, not its position, when a refresh re-sorts the list", async () => {
    let order = TICKETS;
    stubConsole({ "GET /api/tickets/": () => jsonResponse(makePage(order)) });
    const { user, queryClient } = await renderConsole();
    const rows = () => within(screen.getAllByRole("rowgroup")[1]).getAllByRole("row");

    await user.keyboard("jj");
    expect(rows()[1]).toHaveAttribute("data-ticket-id", "12");

    order = [TICKETS[2], TICKETS[0], TICKETS[1]];
    await act(() => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }));
    await waitFor(() => expect(rows()[2]).toHaveAttribute("data-ticket-id", "12"));
    expect(rows()[2]).toHaveFocus();
    expect(rows()[2]).toHaveAttribute("tabindex", "0");

    await user.keyboard("x");
    expect(screen.getByRole("checkbox", { name: "Select #12" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Select #11" })).not.toBeChecked();
    await user.keyboard("k");
    expect(rows()[1]).toHaveAttribute("data-ticket-id", "11");
    expect(rows()[1]).toHaveFocus();
    await user.keyboard("j{Enter}");
    await waitFor(() => expect(path()).toBe("/tickets/12"));
  });

  it("ignores x and Enter once the focus has left the rows", async () => {
    stubConsole();
    const { user } = await renderConsole();
    const rows = () => within(screen.getAllByRole("rowgroup")[1]).getAllByRole("row");

    await user.keyboard("j");
    expect(rows()[0]).toHaveFocus();
    act(() => rows()[0].blur());

    await user.keyboard("x{Enter}");
    expect(screen.getByRole("checkbox", { name: "Select #11" })).not.toBeChecked();
    expect(screen.queryByRole("toolbar", { name: "Selected tickets" })).not.toBeInTheDocument();
    expect(path()).toBe("/desk");
  });

  it("drops selected tickets a refresh no longer shows, and does not bring them back", async () => {
    let shown = TICKETS;
    stubConsole({ "GET /api/tickets/": () => jsonResponse(makePage(shown)) });
    const { user, queryClient } = await renderConsole();

    await user.click(screen.getByRole("checkbox", { name: "Select #11" }));
    await user.click(screen.getByRole("checkbox", { name: "Select #13" }));
    const bar = () => screen.getByRole("toolbar", { name: "Selected tickets" });
    await waitFor(() => expect(bar()).toHaveTextContent("2 selected"));

    shown = TICKETS.slice(0, 2);
    await act(() => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }));
    await waitFor(() => expect(screen.queryByText("Invoice question")).not.toBeInTheDocument());
    expect(bar()).toHaveTextContent("1 selected");

    // Back in the list, it is not selected again behind the agent's back.
    shown = TICKETS;
    await act(() => queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }));
    await screen.findByText("Invoice question");
    expect(bar()).toHaveTextContent("1 selected");
    expect(screen.getByRole("checkbox", { name: "Select #13" })).not.toBeChecked();
  });

  it("starts a new selection on another page", async () => {
    stubPages();
    const { user } = await renderConsole();

    await user.click(screen.getByRole("checkbox", { name: "Select #11" }));
    expect(await screen.findByRole("toolbar", { name: "Selected tickets" })).toHaveTextContent(
      "1 selected",
    );
    await user.click(screen.getByRole("button", { name: /Next/ }));
    await screen.findByText("Second page ticket");
    expect(screen.queryByRole("toolbar", { name: "Selected tickets" })).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: /Previous/ }));
    await screen.findByText("Printer on fire");
    expect(screen.getByRole("checkbox", { name: "Select #11" })).not.toBeChecked();
    expect(screen.queryByRole("toolbar", { name: "Selected tickets" })).not.toBeInTheDocument();
  });

  it("filters on the option chosen, not on each option an arrow key steps through", async () => {
    const api = stubConsole();
    await renderConsole();
    const priority = screen.getByRole("combobox", { name: "Priority" });
    priority.focus();

    for (const value of ["low", "medium", "high"]) {
      fireEvent.keyDown(priority, { key: "ArrowDown" });
      fireEvent.change(priority, { target: { value } });
      fireEvent.keyUp(priority, { key: "ArrowDown" });
    }
    expect(priority).toHaveValue("high");
    expect(path()).toBe("/desk");
    const asked = api.to("GET", "/api/tickets/").length;

    fireEvent.keyDown(priority, { key: "Enter" });
    await waitFor(() => expect(path()).toBe("/desk?priority=high"));
    await waitFor(() =>
      expect(api.to("GET", "/api/tickets/").at(-1)?.url.searchParams.get("priority")).toBe("high"),
    );
    expect(api.to("GET", "/api/tickets/")).toHaveLength(asked + 1);

    fireEvent.change(priority, { target: { value: "" } });
    await waitFor(() => expect(path()).toBe("/desk"));
  });

  it("titles an empty search with a heading one level under the page's", async () => {
    stubConsole({ "GET /api/tickets/": () => jsonResponse(makePage([])) });
    await renderWithProviders(<TicketConsole me={ME} people={PEOPLE} />, {
      url: "/desk?search=zzzz",
      me: ME,
    });
    expect(
      await screen.findByRole("heading", { level: 2, name: "No tickets match these filters" }),
    ).toBeInTheDocument();
  });

  it("asks before closing the selected tickets, naming how many; cancelling changes none", async () => {
    const api = stubConsole({
      "POST /api/tickets/bulk/": ({ body }) => {
        const { ids } = body as { ids: number[] };
        return jsonResponse({ results: ids.map((id) => makeTicket({ id, status: "closed" })) });
      },
    });
    const { user } = await renderConsole();
    const closeAll = async () => {
      await user.click(screen.getByRole("checkbox", { name: "Select every ticket on this page" }));
      const bar = await screen.findByRole("toolbar", { name: "Selected tickets" });
      await user.click(within(bar).getByRole("button", { name: /Set status/ }));
      await user.click(await screen.findByRole("menuitem", { name: "Closed" }));
      return screen.findByRole("alertdialog", { name: "Close 3 tickets?" });
    };

    let dialog = await closeAll();
    expect(dialog).toHaveTextContent("can no longer reply");
    await user.click(within(dialog).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
    expect(api.to("POST", "/api/tickets/bulk/")).toHaveLength(0);

    await user.click(screen.getByRole("button", { name: /Clear selection/ }));
    dialog = await closeAll();
    await user.click(within(dialog).getByRole("button", { name: "Close 3 tickets" }));
    await waitFor(() => expect(api.to("POST", "/api/tickets/bulk/")).toHaveLength(1));
    expect(api.to("POST", "/api/tickets/bulk/")[0].body).toEqual({
      ids: [11, 12, 13],
      status: "closed",
    });
    expect(await screen.findByText("3 tickets updated")).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument());
  });

  it("keeps the old rows busy and unselectable, under their own queue's name, while another queue loads", async () => {
    const unassigned = deferred();
    stubConsole({
      "GET /api/tickets/": ({ url }) =>
        url.searchParams.get("queue") === "unassigned"
          ? unassigned.promise
          : jsonResponse(makePage(TICKETS)),
    });
    const { user } = await renderConsole();
    const queues = screen.getByRole("navigation", { name: "Queues" });

    await user.click(within(queues).getByRole("link", { name: /Unassigned/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=unassigned"));
    const table = screen.getByRole("table", { name: "All open" });
    expect(table).toHaveAttribute("aria-busy", "true");
    expect(screen.getByRole("checkbox", { name: "Select #11" })).toBeDisabled();
    expect(
      screen.getByRole("checkbox", { name: "Select every ticket on this page" }),
    ).toBeDisabled();
    expect(screen.queryByText(/shown in Unassigned/)).not.toBeInTheDocument();
    expect(screen.getByText("Loading Unassigned…")).toBeInTheDocument();

    await act(async () =>
      unassigned.resolve(jsonResponse(makePage([makeTicket({ id: 31, title: "Nobody's yet" })]))),
    );
    const loaded = await screen.findByRole("table", { name: "Unassigned" });
    expect(loaded).toHaveAttribute("aria-busy", "false");
    expect(screen.getByRole("checkbox", { name: "Select #31" })).toBeEnabled();
    expect(screen.getByText("1 shown in Unassigned")).toBeInTheDocument();
  });

  it("keeps the page in the URL, says where it is, and starts again on another sort", async () => {
    const api = stubPages();
    const first = await renderConsole("/desk?queue=all");
    const pages = () => screen.getByRole("navigation", { name: "Pages" });
    await waitFor(() => expect(pages()).toHaveTextContent("1–3 of 40"));

    const nav = pages();
    await first.user.click(within(nav).getByRole("button", { name: /Next/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=all&cursor=cD0y&page=2"));
    // The buttons stay where they are while the page loads.
    expect(nav).toBeInTheDocument();
    await screen.findByText("Second page ticket");
    expect(api.to("GET", "/api/tickets/").at(-1)?.url.searchParams.get("cursor")).toBe("cD0y");
    expect(pages()).toHaveTextContent("26–26 of 40");
    first.unmount();

    // Reloaded, or shared: the same page.
    const again = await renderWithProviders(<TicketConsole me={ME} people={PEOPLE} />, {
      url: "/desk?queue=all&cursor=cD0y&page=2",
      me: ME,
    });
    await screen.findByText("Second page ticket");
    await waitFor(() => expect(pages()).toHaveTextContent("26–26 of 40"));

    await again.user.click(screen.getByRole("button", { name: /Previous/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=all"));
    await screen.findByText("Printer on fire");
    expect(api.to("GET", "/api/tickets/").at(-1)?.url.searchParams.has("cursor")).toBe(false);

    await again.user.click(screen.getByRole("button", { name: /Next/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=all&cursor=cD0y&page=2"));
    const queues = screen.getByRole("navigation", { name: "Queues" });
    await again.user.click(within(queues).getByRole("link", { name: /^All\s*\d*$/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=all"));

    await again.user.click(screen.getByRole("button", { name: /Next/ }));
    await waitFor(() => expect(path()).toBe("/desk?queue=all&cursor=cD0y&page=2"));
    await again.user.click(
      within(screen.getByRole("columnheader", { name: /Priority/ })).getByRole("button"),
    );
    await waitFor(() => expect(path()).toBe("/desk?queue=all&ordering=-priority"));
  });

  it("gives only the page's number when a filter narrows the queue", async () => {
    stubPages();
    await renderWithProviders(<TicketConsole me={ME} people={PEOPLE} />, {
      url: "/desk?queue=all&priority=high&cursor=cD0y&page=2",
      me: ME,
    });
    await screen.findByText("Second page ticket");
    expect(screen.getByRole("navigation", { name: "Pages" })).toHaveTextContent("Page 2");
    expect(screen.getByRole("navigation", { name: "Pages" })).not.toHaveTextContent("of");
  });

  it("offers the first page when the API refuses a page's cursor", async () => {
    stubConsole({
      "GET /api/tickets/": ({ url }) =>
        url.searchParams.has("cursor")
          ? jsonResponse(
              {
                type: "client_error",
                errors: [{ code: "not_found", detail: "Invalid cursor", attr: null }],
              },
              404,
            )
          : jsonResponse(makePage(TICKETS)),
    });
    const { user } = await renderWithProviders(<TicketConsole me={ME} people={PEOPLE} />, {
      url: "/desk?queue=all&cursor=bogus&page=3",
      me: ME,
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("Invalid cursor");
    await user.click(screen.getByRole("button", { name: "Go to the first page" }));
    await waitFor(() => expect(path()).toBe("/desk?queue=all"));
    await screen.findByText("Printer on fire");
  });
});
