import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeMe, makePage, makeStats, makeTicket } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { Ticket } from "@/types/api";
import { DeskPage } from "./desk";

/** A tiny in-memory backend, so that what the page writes comes back when it reads. */
function stubBackend(initial: Ticket[]) {
  const tickets = [...initial];
  return stubFetch({
    "GET /api/tickets/": () => jsonResponse(makePage(tickets)),
    "GET /api/tickets/stats/": () =>
      jsonResponse(
        makeStats({
          total_tickets: tickets.length,
          open_tickets: tickets.filter((t) => t.status === "open").length,
        }),
      ),
    "POST /api/tickets/classify/": () =>
      jsonResponse({
        suggested_category: "billing",
        suggested_priority: "high",
        backend: "rules",
        model: null,
        latency_ms: 3,
      }),
    "POST /api/tickets/": ({ body }) => {
      const ticket = makeTicket({ ...(body as Partial<Ticket>), id: tickets.length + 1 });
      tickets.unshift(ticket);
      return jsonResponse(ticket, 201);
    },
  });
}

describe("DeskPage", () => {
  it("puts a submitted ticket at the top of the list and counts it, without a reload", async () => {
    stubBackend([makeTicket({ id: 1, title: "Printer on fire" })]);
    const { user } = await renderWithProviders(<DeskPage />, { me: makeMe() });

    const form = screen.getByRole("form", { name: "Submit a ticket" });
    const total = await screen.findByText("Total tickets");
    expect(total.parentElement).toHaveTextContent("1");

    fireEvent.change(within(form).getByLabelText(/^Title/), {
      target: { value: "Refund my invoice" },
    });
    fireEvent.change(within(form).getByLabelText(/^Description/), {
      target: { value: "Charged twice this month" },
    });
    await waitFor(() => expect(within(form).getByLabelText("Category")).toHaveValue("billing"));
    await user.click(within(form).getByRole("button", { name: "Submit ticket" }));

    expect(await screen.findByText("Ticket submitted")).toBeInTheDocument();
    const list = screen.getByRole("region", { name: "Tickets" });
    const titles = within(list)
      .getAllByRole("article")
      .map((article) => article.getAttribute("aria-labelledby"));
    expect(titles).toEqual(["ticket-2-title", "ticket-1-title"]);
    expect(screen.getByText("Total tickets").parentElement).toHaveTextContent("2");
  });
});
