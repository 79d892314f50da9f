import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeMe, makeTicket } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { Ticket } from "@/types/api";
import { NewTicketPage } from "./new-ticket";

describe("NewTicketPage", () => {
  it("opens the ticket once it is filed", async () => {
    const api = stubFetch({
      "POST /api/tickets/classify/": () =>
        jsonResponse({
          suggested_category: "billing",
          suggested_priority: "high",
          backend: "rules",
          model: null,
          latency_ms: 3,
        }),
      "POST /api/tickets/": ({ body }) =>
        jsonResponse(makeTicket({ ...(body as Partial<Ticket>), id: 42 }), 201),
    });
    const { user } = await renderWithProviders(<NewTicketPage />, {
      url: "/desk/new",
      me: makeMe({ role: "agent" }),
    });

    const form = screen.getByRole("form", { name: "Submit a ticket" });
    fireEvent.change(within(form).getByLabelText(/^Title/), {
      target: { value: "Refund my invoice" },
    });
    fireEvent.change(within(form).getByLabelText(/^Description/), {
      target: { value: "Charged twice this month" },
    });
    await user.click(within(form).getByRole("button", { name: "Submit ticket" }));

    await waitFor(() => expect(window.location.pathname).toBe("/tickets/42"));
    expect(api.to("POST", "/api/tickets/")[0].body).toMatchObject({ title: "Refund my invoice" });
  });
});
