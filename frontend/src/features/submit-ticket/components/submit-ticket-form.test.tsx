import { act, fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { CLASSIFY_DEBOUNCE_MS } from "@/config/constants";
import { makeTicket } from "@/testing/data";
import {
  deferred,
  jsonResponse,
  stubFetch,
  throttled,
  validationError,
} from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { Suggestion } from "@/types/api";
import { SubmitTicketForm } from "./submit-ticket-form";

const CLASSIFY = "/api/tickets/classify/";
const BILLING_TEXT = "I was charged twice this month, please refund the duplicate invoice";
const OUTAGE_TEXT = "The whole site is down and every page shows an error since this morning";

function suggestion(overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    suggested_category: "billing",
    suggested_priority: "high",
    backend: "rules",
    model: null,
    latency_ms: 12,
    confidence: 0.9,
    unsure: false,
    prompt_version: null,
    ...overrides,
  };
}

const categorySelect = () => screen.getByLabelText("Category") as HTMLSelectElement;
const prioritySelect = () => screen.getByLabelText("Priority") as HTMLSelectElement;
const titleInput = () => screen.getByLabelText(/^Title/);
const descriptionInput = () => screen.getByLabelText(/^Description/);

/** Sets the whole description in one change, as a paste would. */
function setDescription(text: string) {
  fireEvent.change(descriptionInput(), { target: { value: text } });
}

describe("SubmitTicketForm suggestions", () => {
  it("asks once, after typing pauses, with the whole text", async () => {
    const api = stubFetch({ [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()) });
    await renderWithProviders(<SubmitTicketForm />);

    fireEvent.change(titleInput(), { target: { value: "Refund" } });
    // One change per keystroke, as fast as a person types.
    for (let length = 1; length <= BILLING_TEXT.length; length++) {
      setDescription(BILLING_TEXT.slice(0, length));
    }

    expect(api.to("POST", CLASSIFY)).toHaveLength(0);
    await waitFor(() => expect(categorySelect()).toHaveValue("billing"));
    expect(api.to("POST", CLASSIFY)).toHaveLength(1);
    expect(api.to("POST", CLASSIFY)[0].body).toEqual({
      title: "Refund",
      description: BILLING_TEXT,
    });
  });

  it("does not ask while the description is too short to mean anything", async () => {
    const api = stubFetch({ [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()) });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription("refund pls");
    fireEvent.blur(descriptionInput());
    act(() => vi.advanceTimersByTime(CLASSIFY_DEBOUNCE_MS * 2));

    expect(api.to("POST", CLASSIFY)).toHaveLength(0);
    expect(categorySelect()).toHaveValue("");
  });

  it("waits for a 500 ms pause in typing before it asks", async () => {
    const api = stubFetch({ [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()) });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT.slice(0, 30));
    act(() => vi.advanceTimersByTime(400));
    setDescription(BILLING_TEXT);
    act(() => vi.advanceTimersByTime(499));
    expect(api.to("POST", CLASSIFY)).toHaveLength(0);

    act(() => vi.advanceTimersByTime(1));
    expect(api.to("POST", CLASSIFY)).toHaveLength(1);
    expect(api.to("POST", CLASSIFY)[0].body).toMatchObject({ description: BILLING_TEXT });
  });

  it("asks at once when the description loses focus", async () => {
    const api = stubFetch({ [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()) });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);
    fireEvent.blur(descriptionInput());

    expect(api.to("POST", CLASSIFY)).toHaveLength(1);
  });

  it("shows a loading state on the dropdowns while the classifier runs", async () => {
    const answer = deferred();
    stubFetch({ [`POST ${CLASSIFY}`]: () => answer.promise });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);

    await waitFor(() => expect(categorySelect()).toHaveAttribute("aria-busy", "true"));
    expect(prioritySelect()).toHaveAttribute("aria-busy", "true");
    expect(screen.getByText("Suggesting a category and priority…")).toBeInTheDocument();

    answer.resolve(jsonResponse(suggestion({ suggested_priority: "medium" })));

    await waitFor(() => expect(categorySelect()).toHaveAttribute("aria-busy", "false"));
    expect(categorySelect()).toHaveValue("billing");
    expect(prioritySelect()).toHaveValue("medium");
  });

  it.each([
    [{ backend: "ollama", model: "llama3.2:3b" }, "Local model · llama3.2:3b"],
    [{ backend: "cloud", model: "gpt-4o-mini" }, "Cloud · gpt-4o-mini"],
    [{ backend: "rules", model: null }, "Keyword rules"],
  ] as const)("names where the suggestion came from (%o)", async (source, label) => {
    stubFetch({ [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion(source)) });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);

    expect(await screen.findByTestId("suggestion-source")).toHaveTextContent(label);
  });

  it.each([
    [{ backend: "rules", model: null, confidence: 0.72 }, "Keyword rules · 72% sure"],
    [{ backend: "learned", model: "v3", confidence: 0.914 }, "Learned model · v3 · 91% sure"],
    [{ backend: "ollama", model: "llama3.2:3b", confidence: null }, "Local model · llama3.2:3b"],
  ] as const)("says how sure the classifier is (%o)", async (source, label) => {
    stubFetch({ [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion(source)) });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);

    expect(await screen.findByTestId("suggestion-source")).toHaveTextContent(
      new RegExp(`^${label}$`),
    );
  });

  it("leaves the labels to the person when the classifier is unsure", async () => {
    const api = stubFetch({
      [`POST ${CLASSIFY}`]: () =>
        jsonResponse(suggestion({ confidence: 0.31, unsure: true, suggested_priority: "medium" })),
      "POST /api/tickets/": ({ body }) => jsonResponse(makeTicket(body as object), 201),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    fireEvent.change(titleInput(), { target: { value: "Hello there" } });
    setDescription(BILLING_TEXT);

    const hints = await screen.findAllByTestId("not-sure-hint");
    expect(hints.map((hint) => hint.textContent)).toEqual([
      "Not sure — please choose (maybe Billing)",
      "Not sure — please choose (maybe Medium)",
    ]);
    expect(categorySelect()).toHaveValue("");
    expect(prioritySelect()).toHaveValue("");
    expect(screen.getByText("Unsure guess by")).toBeInTheDocument();

    await user.selectOptions(prioritySelect(), "low");
    expect(screen.getAllByTestId("not-sure-hint")).toHaveLength(1);

    await user.click(screen.getByRole("button", { name: "Submit ticket" }));
    await screen.findByText("Ticket submitted");
    const sent = api.to("POST", "/api/tickets/")[0].body;
    expect(sent).toMatchObject({ priority: "low" });
    expect(sent).not.toHaveProperty("category");
  });

  it("ignores an answer that arrives after a newer one", async () => {
    const first = deferred();
    const second = deferred();
    const api = stubFetch({
      [`POST ${CLASSIFY}`]: ({ body }) =>
        (body as { description: string }).description === BILLING_TEXT
          ? first.promise
          : second.promise,
    });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);
    await waitFor(() => expect(api.to("POST", CLASSIFY)).toHaveLength(1));
    setDescription(OUTAGE_TEXT);
    await waitFor(() => expect(api.to("POST", CLASSIFY)).toHaveLength(2));

    // The older request is cancelled once the text it was about is gone.
    expect(api.to("POST", CLASSIFY)[0].signal?.aborted).toBe(true);

    second.resolve(
      jsonResponse(suggestion({ suggested_category: "technical", suggested_priority: "critical" })),
    );
    await waitFor(() => expect(categorySelect()).toHaveValue("technical"));
    first.resolve(jsonResponse(suggestion()));
    await act(() => vi.advanceTimersByTimeAsync(100));

    expect(categorySelect()).toHaveValue("technical");
    expect(prioritySelect()).toHaveValue("critical");
  });

  it("keeps a choice made by hand when a later suggestion arrives", async () => {
    stubFetch({
      [`POST ${CLASSIFY}`]: ({ body }) =>
        jsonResponse(
          (body as { description: string }).description === BILLING_TEXT
            ? suggestion()
            : suggestion({ suggested_category: "technical", suggested_priority: "critical" }),
        ),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);
    await waitFor(() => expect(prioritySelect()).toHaveValue("high"));
    await user.selectOptions(prioritySelect(), "low");

    setDescription(OUTAGE_TEXT);

    await waitFor(() => expect(categorySelect()).toHaveValue("technical"));
    expect(prioritySelect()).toHaveValue("low");

    await user.click(screen.getByRole("button", { name: "Use suggestion (Critical)" }));
    expect(prioritySelect()).toHaveValue("critical");
  });
});

describe("SubmitTicketForm when the server asks for fewer requests", () => {
  it("keeps the last suggestion and asks nothing until Retry-After has passed", async () => {
    const answers = [
      () => jsonResponse(suggestion()),
      () => throttled(20),
      () =>
        jsonResponse(
          suggestion({ suggested_category: "technical", suggested_priority: "critical" }),
        ),
    ];
    const api = stubFetch({
      [`POST ${CLASSIFY}`]: () => answers[api.to("POST", CLASSIFY).length - 1](),
    });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);
    await waitFor(() => expect(categorySelect()).toHaveValue("billing"));
    setDescription(OUTAGE_TEXT);
    await waitFor(() => expect(api.to("POST", CLASSIFY)).toHaveLength(2));
    await act(() => vi.advanceTimersByTimeAsync(100));

    // No error, no toast: the last suggestion stays where it was.
    expect(categorySelect()).toHaveValue("billing");
    expect(prioritySelect()).toHaveValue("high");
    expect(screen.getByTestId("suggestion-source")).toHaveTextContent("Keyword rules");
    expect(screen.queryByText(/throttled|No suggestion right now/)).not.toBeInTheDocument();

    // Typing on sends nothing while the pause lasts...
    setDescription(`${OUTAGE_TEXT}, and the status page is down too`);
    fireEvent.blur(descriptionInput());
    await act(() => vi.advanceTimersByTimeAsync(19_000));
    expect(api.to("POST", CLASSIFY)).toHaveLength(2);

    // ...and once it is over, the text as it is then is asked about once.
    await act(() => vi.advanceTimersByTimeAsync(1_000));
    await waitFor(() => expect(categorySelect()).toHaveValue("technical"));
    expect(api.to("POST", CLASSIFY)).toHaveLength(3);
    expect(api.to("POST", CLASSIFY)[2].body).toMatchObject({
      description: `${OUTAGE_TEXT}, and the status page is down too`,
    });
  });

  it("says suggestions will resume when none was made yet", async () => {
    stubFetch({ [`POST ${CLASSIFY}`]: () => throttled(20) });
    await renderWithProviders(<SubmitTicketForm />);

    setDescription(BILLING_TEXT);

    expect(await screen.findByText(/Suggestions resume in a moment/)).toBeInTheDocument();
    expect(categorySelect()).toHaveValue("");
    expect(screen.queryByText(/No suggestion right now/)).not.toBeInTheDocument();
  });

  it("says when to try again if too many tickets were sent, and keeps the form", async () => {
    const api = stubFetch({
      [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()),
      "POST /api/tickets/": () => throttled(42),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "Refund please");
    setDescription(BILLING_TEXT);
    await waitFor(() => expect(categorySelect()).toHaveValue("billing"));
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(await screen.findByText(/Try again in 42 seconds/)).toBeInTheDocument();
    expect(api.to("POST", "/api/tickets/")).toHaveLength(1);
    expect(titleInput()).toHaveValue("Refund please");
    expect(descriptionInput()).toHaveValue(BILLING_TEXT);
    expect(categorySelect()).toHaveValue("billing");
  });

  it("keeps the form when the database is briefly unavailable", async () => {
    stubFetch({
      [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()),
      "POST /api/tickets/": () =>
        new Response(
          JSON.stringify({
            type: "server_error",
            errors: [
              {
                code: "database_unavailable",
                detail: "The database is not reachable right now; try again shortly.",
                attr: null,
              },
            ],
          }),
          { status: 503, headers: { "Content-Type": "application/json", "Retry-After": "5" } },
        ),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "Refund please");
    setDescription(BILLING_TEXT);
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(
      await screen.findByText(/briefly unavailable\. Try again in 5 seconds/),
    ).toBeInTheDocument();
    expect(titleInput()).toHaveValue("Refund please");
    expect(descriptionInput()).toHaveValue(BILLING_TEXT);
  });
});

describe("SubmitTicketForm submit", () => {
  it("sends only the text and the final choices, then clears", async () => {
    const api = stubFetch({
      [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()),
      "POST /api/tickets/": ({ body }) =>
        jsonResponse(makeTicket({ id: 42, ...(body as object), status: "open" }), 201),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "Charged twice for my subscription");
    setDescription(BILLING_TEXT);
    await waitFor(() => expect(prioritySelect()).toHaveValue("high"));
    await user.selectOptions(prioritySelect(), "critical");
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(await screen.findByText("Ticket submitted")).toBeInTheDocument();
    // The server records its own suggestion; it refuses one sent by a client.
    expect(api.to("POST", "/api/tickets/")[0].body).toStrictEqual({
      title: "Charged twice for my subscription",
      description: BILLING_TEXT,
      category: "billing",
      priority: "critical",
    });
    expect(titleInput()).toHaveValue("");
    expect(descriptionInput()).toHaveValue("");
    expect(prioritySelect()).toHaveValue("");
  });

  it("shows the server's field errors under their fields", async () => {
    stubFetch({
      [`POST ${CLASSIFY}`]: () => jsonResponse(suggestion()),
      "POST /api/tickets/": () => validationError("title", "This title is already in use."),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "Refund");
    setDescription(BILLING_TEXT);
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(await screen.findByText("This title is already in use.")).toBeInTheDocument();
    expect(titleInput()).toHaveAttribute("aria-invalid", "true");
    expect(titleInput()).toHaveValue("Refund");
  });

  it("checks for a blank title and description before asking the server", async () => {
    const api = stubFetch({});
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "   ");
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(screen.getByText("Give the ticket a short title.")).toBeInTheDocument();
    expect(screen.getByText("Describe the problem.")).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  it("counts the title's characters against its limit", async () => {
    stubFetch({});
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "Refund");

    expect(screen.getByText("6/200")).toBeInTheDocument();
    expect(titleInput()).toHaveAttribute("maxlength", "200");
  });

  it("still submits when the classifier fails, leaving the choice to the server", async () => {
    const api = stubFetch({
      [`POST ${CLASSIFY}`]: () => validationError(null, "Classifier exploded", 500),
      "POST /api/tickets/": () => jsonResponse(makeTicket({ id: 7 }), 201),
    });
    const { user } = await renderWithProviders(<SubmitTicketForm />);

    await user.type(titleInput(), "Refund please");
    setDescription(BILLING_TEXT);
    expect(await screen.findByText(/No suggestion right now/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Submit ticket" }));

    expect(await screen.findByText("Ticket submitted")).toBeInTheDocument();
    expect(api.to("POST", "/api/tickets/")[0].body).toStrictEqual({
      title: "Refund please",
      description: BILLING_TEXT,
    });
  });
});

describe("SubmitTicketForm similar tickets", () => {
  const SIMILAR = "/api/tickets/similar/";

  it("lists tickets like the settled title, and none for an older title", async () => {
    const older = deferred();
    const api = stubFetch({
      [`POST ${SIMILAR}`]: ({ body }) =>
        (body as { title: string }).title === "Refund"
          ? older.promise
          : jsonResponse({
              results: [{ id: 42, title: "Refund for a double charge", status: "in_progress" }],
            }),
    });
    await renderWithProviders(<SubmitTicketForm />);

    fireEvent.change(titleInput(), { target: { value: "  " } });
    act(() => vi.advanceTimersByTime(CLASSIFY_DEBOUNCE_MS * 2));
    expect(api.to("POST", SIMILAR)).toHaveLength(0);

    fireEvent.change(titleInput(), { target: { value: "Refund" } });
    await waitFor(() => expect(api.to("POST", SIMILAR)).toHaveLength(1));
    fireEvent.change(titleInput(), { target: { value: "Refund please " } });
    await waitFor(() => expect(api.to("POST", SIMILAR)).toHaveLength(2));
    expect(api.to("POST", SIMILAR)[1].body).toEqual({ title: "Refund please" });

    const list = await screen.findByTestId("similar-tickets");
    expect(list).toHaveTextContent("Similar tickets");
    expect(screen.getByRole("link", { name: /Refund for a double charge/ })).toHaveAttribute(
      "href",
      "/tickets/42",
    );
    expect(list).toHaveTextContent("In progress");

    older.resolve(jsonResponse({ results: [{ id: 1, title: "Old answer", status: "open" }] }));
    await act(() => vi.advanceTimersByTimeAsync(100));
    expect(screen.queryByText("Old answer")).not.toBeInTheDocument();
  });

  it("shows nothing when no ticket is similar", async () => {
    const api = stubFetch({ [`POST ${SIMILAR}`]: () => jsonResponse({ results: [] }) });
    await renderWithProviders(<SubmitTicketForm />);

    fireEvent.change(titleInput(), { target: { value: "Something new" } });
    await waitFor(() => expect(api.to("POST", SIMILAR)).toHaveLength(1));
    await act(() => vi.advanceTimersByTimeAsync(100));

    expect(screen.queryByText("Similar tickets")).not.toBeInTheDocument();
  });
});
