import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeMe, makePage, makeTicket } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { Ticket } from "@/types/api";
import { MyTicketsPage } from "./my-tickets";

const RITA = makeMe({ id: 7, name: "Rita Requester", role: "requester" });

function stubRequester() {
  const tickets = [makeTicket({ id: 5, title: "Cannot log in" })];
  return stubFetch({
    "GET /api/tickets/": () => jsonResponse(makePage(tickets)),
    "POST /api/tickets/classify/": () =>
      jsonResponse({
        suggested_category: "billing",
        suggested_priority: "high",
        backend: "rules",
        model: null,
        latency_ms: 3,
      }),
    "POST /api/tickets/": ({ body }) => {
      const ticket = makeTicket({ ...(body as Partial<Ticket>), id: 28 });
      tickets.unshift(ticket);
      return jsonResponse(ticket, 201);
    },
  });
}

const path = () => `${window.location.pathname}${window.location.search}`;

describe("MyTicketsPage", () => {
  it("puts the tickets first, and opens the form from New ticket", async () => {
    stubRequester();
    const { user } = await renderWithProviders(<MyTicketsPage />, { url: "/my-tickets", me: RITA });
    await screen.findByText("Cannot log in");

    const list = screen.getByRole("heading", { name: "Your tickets" });
    const form = screen.getByRole("form", { name: "Submit a ticket", hidden: true });
    expect(list.compareDocumentPosition(form) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(form).not.toBeVisible();

    await user.click(screen.getByRole("button", { name: "New ticket" }));
    expect(form).toBeVisible();
    expect(within(form).getByLabelText(/^Title/)).toHaveFocus();
  });

  it("shows the new ticket at the head of an unfiltered list, with a link to it in the toast", async () => {
    const api = stubRequester();
    const { user } = await renderWithProviders(<MyTicketsPage />, {
      url: "/my-tickets?status=resolved",
      me: RITA,
    });
    await screen.findByText("Cannot log in");
    await user.click(screen.getByRole("button", { name: "New ticket" }));

    const form = screen.getByRole("form", { name: "Submit a ticket" });
    fireEvent.change(within(form).getByLabelText(/^Title/), {
      target: { value: "Refund my invoice" },
    });
    fireEvent.change(within(form).getByLabelText(/^Description/), {
      target: { value: "Charged twice this month" },
    });
    await user.click(within(form).getByRole("button", { name: "Submit ticket" }));

    const link = await screen.findByRole("link", { name: "Open ticket #28" });
    expect(link).toHaveAttribute("href", "/tickets/28");
    await waitFor(() => expect(path()).toBe("/my-tickets"));
    expect(screen.getByRole("heading", { name: "Your tickets" })).toHaveFocus();
    expect(form).not.toBeVisible();
    await waitFor(() =>
      expect(api.to("GET", "/api/tickets/").at(-1)?.url.searchParams.has("status")).toBe(false),
    );
    await waitFor(() =>
      expect(screen.getAllByRole("article")[0]).toHaveTextContent("Refund my invoice"),
    );

    await user.click(link);
    await waitFor(() => expect(path()).toBe("/tickets/28"));
  });
});
