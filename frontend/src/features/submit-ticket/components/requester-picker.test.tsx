import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { makeMe, makeTicket, makeUser } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import { SubmitTicketForm } from "./submit-ticket-form";

const RITA = makeUser();
const ROB = makeUser({ id: 8, name: "Rob Requester", email: "rob@example.com" });

function stubBackend() {
  return stubFetch({
    "GET /api/users/": ({ url }) => {
      const search = url.searchParams.get("search")?.toLowerCase() ?? "";
      const results = [RITA, ROB].filter((u) => u.name.toLowerCase().includes(search));
      return jsonResponse({ next: null, previous: null, results });
    },
    "POST /api/tickets/classify/": () =>
      jsonResponse({
        suggested_category: "billing",
        suggested_priority: "high",
        backend: "rules",
        model: null,
        latency_ms: 3,
        confidence: 0.9,
        unsure: false,
        prompt_version: null,
      }),
    "POST /api/tickets/": ({ body }) =>
      jsonResponse(makeTicket({ id: 5, ...(body as object), requester: RITA }), 201),
  });
}

async function fillTicket() {
  fireEvent.change(screen.getByLabelText(/^Title/), { target: { value: "Refund" } });
  fireEvent.change(screen.getByLabelText(/^Description/), {
    target: { value: "Charged twice this month for one invoice" },
  });
}

describe("SubmitTicketForm for agents", () => {
  it("files the ticket for the requester picked by searching", async () => {
    const api = stubBackend();
    const { user } = await renderWithProviders(<SubmitTicketForm agent={makeMe()} />);

    const picker = screen.getByRole("combobox", { name: "Requester" });
    await user.type(picker, "rit");
    const searches = () => api.to("GET", "/api/users/").map((r) => r.url.searchParams);
    await waitFor(() => expect(searches().map((params) => params.get("search"))).toContain("rit"));
    expect(searches().every((params) => params.get("role") === "requester")).toBe(true);
    await waitFor(() => expect(screen.queryByRole("option", { name: /Rob/ })).toBeNull());
    await user.click(screen.getByRole("option", { name: /Rita Requester/ }));
    expect(screen.getByText("Filed on behalf of Rita Requester (rita@example.com).")).toBeVisible();

    await fillTicket();
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(await screen.findByText("Ticket submitted")).toBeInTheDocument();
    expect(api.to("POST", "/api/tickets/")[0].body).toMatchObject({ requester: RITA.id });
    await waitFor(() =>
      expect(screen.getByRole("combobox", { name: "Requester" })).toHaveValue(""),
    );
  });

  it("files the ticket as the agent when nobody is picked", async () => {
    const api = stubBackend();
    const { user } = await renderWithProviders(<SubmitTicketForm agent={makeMe()} />);

    expect(screen.getByText("Filed as yourself unless you pick a requester.")).toBeVisible();
    await fillTicket();
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    await screen.findByText("Ticket submitted");
    expect(api.to("POST", "/api/tickets/")[0].body).not.toHaveProperty("requester");
  });

  it("offers no picker to a requester", async () => {
    stubBackend();
    await renderWithProviders(<SubmitTicketForm />);

    expect(screen.queryByRole("combobox", { name: "Requester" })).not.toBeInTheDocument();
  });
});
