import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { statsKeys, ticketKeys } from "@/lib/query-keys";
import { endSession } from "@/lib/session";
import { makeStats } from "@/testing/data";
import { deferred, jsonResponse, stubFetch, validationError } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import {
  agent,
  COMMENTS,
  errorBody,
  makeComment,
  renderTicket,
  requester,
  stubTicketBackend,
  TICKET,
} from "../testing/ticket-backend";
import { TicketView } from "./ticket-view";

const QUEUE_COUNTS = { mine: 1, unassigned: 2, triage: 0, open: 3, resolved_recently: 0, all: 4 };

describe("TicketView conversation", () => {
  it("shows replies and internal notes oldest first, notes marked as such", async () => {
    stubTicketBackend({
      comments: [
        makeComment({ id: 1, body: "First" }),
        makeComment({
          id: 2,
          body: "Checked the logs",
          internal: true,
          author: { id: 3, name: "Alex Agent", email: "alex@example.com" },
        }),
      ],
    });
    await renderTicket(agent);

    const list = await screen.findByRole("list", { name: "Conversation" });
    const items = within(list).getAllByRole("article");
    expect(items.map((item) => item.getAttribute("aria-label"))).toEqual([
      "Reply by Rita Requester",
      "Internal note by Alex Agent",
    ]);
    expect(within(items[1]).getByText("Internal note")).toBeInTheDocument();
    expect(within(items[0]).queryByText("Internal note")).not.toBeInTheDocument();
  });

  it("makes http(s) links clickable and keeps everything else as plain text", async () => {
    stubTicketBackend({
      comments: [
        makeComment({
          body: "See https://example.com/help?a=1.\n<b>not bold</b> javascript:alert(1)",
        }),
      ],
    });
    await renderTicket(agent);

    const link = await screen.findByRole("link", { name: "https://example.com/help?a=1" });
    expect(link).toHaveAttribute("href", "https://example.com/help?a=1");
    expect(link).toHaveAttribute("rel", expect.stringContaining("noopener"));
    const body = link.parentElement as HTMLElement;
    expect(body.textContent).toContain("\n<b>not bold</b> javascript:alert(1)");
    expect(body.querySelector("b")).toBeNull();
    expect(screen.queryAllByRole("link", { name: /alert/ })).toHaveLength(0);
  });
});

describe("TicketView reply box", () => {
  it("sends an internal note with Ctrl+Enter, then empties and refocuses the box", async () => {
    const api = stubTicketBackend();
    const { user, queryClient } = await renderTicket(agent);
    queryClient.setQueryData(statsKeys.all, makeStats());
    queryClient.setQueryData(ticketKeys.queues(), QUEUE_COUNTS);

    await user.click(screen.getByRole("button", { name: "Internal note" }));
    expect(screen.getByRole("button", { name: "Internal note" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    expect(screen.queryByRole("button", { name: "Reply and resolve" })).not.toBeInTheDocument();
    const box = screen.getByRole("textbox", { name: "Internal note" });
    await user.type(box, "Asked billing{Control>}{Enter}{/Control}");

    await waitFor(() => expect(api.to("POST", COMMENTS)).toHaveLength(1));
    expect(api.to("POST", COMMENTS)[0].body).toEqual({ body: "Asked billing", internal: true });
    await waitFor(() => expect(box).toHaveValue(""));
    expect(box).toHaveFocus();
    expect(
      await screen.findByRole("article", { name: "Internal note by Alex Agent" }),
    ).toBeVisible();
    await waitFor(() => expect(queryClient.getQueryState(statsKeys.all)?.isInvalidated).toBe(true));
    expect(queryClient.getQueryState(ticketKeys.queues())?.isInvalidated).toBe(true);
  });

  it("replies publicly and resolves in one step", async () => {
    const api = stubTicketBackend();
    const { user } = await renderTicket(agent);

    await user.type(screen.getByRole("textbox", { name: "Reply" }), "Fixed now");
    await user.click(screen.getByRole("button", { name: "Reply and resolve" }));

    await waitFor(() => expect(api.to("POST", COMMENTS)).toHaveLength(1));
    expect(api.to("POST", COMMENTS)[0].body).toEqual({
      body: "Fixed now",
      internal: false,
      status: "resolved",
    });
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Reply" })).toHaveFocus());
  });

  it("does not take the focus back from where the person went while the reply was sent", async () => {
    let answer: (response: Response) => void = () => {};
    const api = stubTicketBackend({
      postComment: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const { user } = await renderTicket(agent);

    await user.type(screen.getByRole("textbox", { name: "Reply" }), "On it");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    await waitFor(() => expect(api.to("POST", COMMENTS)).toHaveLength(1));
    const status = screen.getByLabelText("Status");
    status.focus();
    answer(errorBody("server_error", "Try again."));

    expect(await screen.findByRole("alert")).toBeVisible();
    expect(status).toHaveFocus();
  });

  it("shows the server's not_allowed refusal and keeps the draft", async () => {
    stubTicketBackend({
      postComment: () => errorBody("not_allowed", "Only agents may write internal notes."),
    });
    const { user } = await renderTicket(agent);

    const box = screen.getByRole("textbox", { name: "Reply" });
    await user.type(box, "Hello");
    await user.click(screen.getByRole("button", { name: "Send reply" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "You may not write internal notes or change the status",
    );
    expect(box).toHaveValue("Hello");
    expect(box).toHaveFocus();
  });

  it("gives requesters only Send reply, and says when the ticket is closed", async () => {
    // Closed by an agent after the page was loaded: the server is the one to say so.
    const api = stubTicketBackend({
      ticket: { status: "resolved" },
      postComment: () => errorBody("ticket_closed", "This ticket is closed."),
    });
    const { user } = await renderTicket(requester);

    expect(screen.queryByRole("button", { name: "Internal note" })).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Reply and resolve" })).not.toBeInTheDocument();
    expect(screen.queryByRole("complementary", { name: "Details" })).not.toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Reply" }), "Still broken");
    await user.click(screen.getByRole("button", { name: "Send reply" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("This ticket is closed");
    expect(api.to("POST", COMMENTS)[0].body).toEqual({ body: "Still broken", internal: false });
  });

  it("does not send a blank reply", async () => {
    const api = stubTicketBackend();
    const { user } = await renderTicket(requester);

    await user.type(screen.getByRole("textbox", { name: "Reply" }), "   ");
    await user.click(screen.getByRole("button", { name: "Send reply" }));
    expect(api.to("POST", COMMENTS)).toHaveLength(0);
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveFocus();
  });
});

describe("TicketView reply drafts", () => {
  it("keeps an unsent reply and its kind when the ticket is left and opened again, until sent", async () => {
    const api = stubTicketBackend();
    const first = await renderTicket(agent);
    await first.user.click(screen.getByRole("button", { name: "Internal note" }));
    await first.user.type(screen.getByRole("textbox", { name: "Internal note" }), "Ask billing");
    first.unmount();

    const second = await renderTicket(agent);
    const box = screen.getByRole("textbox", { name: "Internal note" });
    expect(box).toHaveValue("Ask billing");
    expect(box).toHaveAccessibleDescription(/Draft/);
    expect(screen.getByRole("button", { name: "Internal note" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await second.user.click(screen.getByRole("button", { name: "Add note" }));
    await waitFor(() => expect(api.to("POST", COMMENTS)).toHaveLength(1));
    await waitFor(() => expect(box).toHaveValue(""));
    second.unmount();

    await renderTicket(agent);
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveValue("");
  });

  it("shows a draft to nobody else, and keeps none past signing out", async () => {
    stubTicketBackend();
    const first = await renderTicket(agent);
    await first.user.type(screen.getByRole("textbox", { name: "Reply" }), "Half a thought");
    first.unmount();

    const other = await renderTicket(requester);
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveValue("");
    other.unmount();

    const again = await renderTicket(agent);
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveValue("Half a thought");
    endSession(again.queryClient);
    again.unmount();

    await renderTicket(agent);
    expect(screen.getByRole("textbox", { name: "Reply" })).toHaveValue("");
  });
});

describe("TicketView closed ticket", () => {
  it("tells a requester up front that a closed ticket takes no replies", async () => {
    stubTicketBackend({ ticket: { status: "closed" } });
    await renderTicket(requester);

    expect(screen.getByText("This ticket is closed")).toBeVisible();
    expect(screen.queryByRole("textbox", { name: "Reply" })).not.toBeInTheDocument();
  });

  it("still lets an agent write on a closed ticket", async () => {
    stubTicketBackend({ ticket: { status: "closed" } });
    await renderTicket(agent);

    expect(screen.getByRole("textbox", { name: "Reply" })).toBeVisible();
  });
});

describe("TicketView side panel", () => {
  it("lists agents and admins as assignees and assigns one", async () => {
    const api = stubTicketBackend();
    const { user, queryClient } = await renderTicket(agent);
    queryClient.setQueryData(ticketKeys.queues(), QUEUE_COUNTS);

    const select = screen.getByLabelText("Assignee");
    await waitFor(() =>
      expect(
        within(select)
          .getAllByRole("option")
          .map((o) => o.textContent),
      ).toEqual(["Nobody", "Ada Admin", "Alex Agent", "Bea Agent"]),
    );
    await user.selectOptions(select, "4");

    expect(select).toHaveValue("4");
    expect(screen.getByTestId("ticket-assignee")).toHaveTextContent("Bea Agent");
    expect(api.to("PATCH", TICKET)[0].body).toEqual({ assignee: 4 });
    await waitFor(() =>
      expect(queryClient.getQueryState(ticketKeys.lists())?.isInvalidated ?? true).toBe(true),
    );
    await waitFor(() =>
      expect(queryClient.getQueryState(ticketKeys.queues())?.isInvalidated).toBe(true),
    );

    await user.selectOptions(select, "");
    expect(api.to("PATCH", TICKET)[1].body).toEqual({ assignee: null });
    await waitFor(() => expect(screen.getByTestId("ticket-assignee")).toHaveTextContent("Nobody"));
  });

  it("assigns to oneself in one click", async () => {
    const api = stubTicketBackend();
    const { user } = await renderTicket(agent);

    await user.click(screen.getByRole("button", { name: "Assign to me" }));
    expect(api.to("PATCH", TICKET)[0].body).toEqual({ assignee: 3 });
    expect(screen.getByTestId("ticket-assignee")).toHaveTextContent("Alex Agent");
    const assigned = await screen.findByRole("button", { name: "Assigned to you" });
    // Still focusable, so the focus stays where the click left it.
    expect(assigned).toHaveAttribute("aria-disabled", "true");
  });

  it("shows a new status at once and puts the old one back if the server refuses", async () => {
    const patch = deferred();
    stubTicketBackend({ patch: () => patch.promise });
    const { user } = await renderTicket(agent);

    await user.selectOptions(screen.getByLabelText("Status"), "in_progress");
    expect(screen.getByLabelText("Status")).toHaveValue("in_progress");

    patch.resolve(validationError("status", "Closed tickets cannot be reopened."));
    expect(await screen.findByText("The ticket was not changed")).toBeInTheDocument();
    expect(screen.getByLabelText("Status")).toHaveValue("open");
  });
});

describe("TicketView missing ticket", () => {
  it("says there is no such ticket when the API answers 404", async () => {
    stubFetch({
      [`GET ${TICKET}`]: () =>
        jsonResponse(
          {
            type: "client_error",
            errors: [{ code: "not_found", detail: "Not found.", attr: null }],
          },
          404,
        ),
    });
    await renderWithProviders(<TicketView ticketId={5} me={requester} />, { me: requester });

    expect(await screen.findByRole("heading", { level: 1, name: "No such ticket" })).toBeVisible();
    expect(screen.getByRole("link", { name: "Go to my tickets" })).toHaveAttribute(
      "href",
      "/my-tickets",
    );
  });
});
