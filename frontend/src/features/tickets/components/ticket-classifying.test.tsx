import { act, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import {
  CLASSIFYING_PATIENCE_MS,
  CLASSIFYING_REFRESH_INTERVAL_MS,
  COMMENTS_REFRESH_INTERVAL_MS,
} from "@/config/constants";
import { LiveStatusContext } from "@/lib/live-status";
import { renderWithProviders } from "@/testing/render";
import type { HistoryEntry, TicketWithExamples } from "@/types/api";
import {
  agent,
  HISTORY,
  renderTicket,
  requester,
  stubTicketBackend,
  TICKET,
} from "../testing/ticket-backend";
import { TicketView } from "./ticket-view";

/** Filed a moment ago with the keyword rules' labels, while a language model is asked. */
function justFiled(overrides: Partial<TicketWithExamples> = {}): Partial<TicketWithExamples> {
  return {
    classifying: true,
    created_at: new Date().toISOString(),
    classified_by: "rules",
    suggested_category: "billing",
    suggested_priority: "high",
    category: "billing",
    priority: "high",
    ...overrides,
  };
}

/** What the worker writes once the language model has answered. */
const ANSWER: Partial<TicketWithExamples> = {
  classifying: false,
  classified_by: "ollama",
  classifier_model: "llama3.2:3b",
  suggested_category: "account",
  suggested_priority: "low",
  category: "account",
  priority: "low",
};

const CLASSIFIER_CHANGE: HistoryEntry = {
  id: 2,
  at: new Date().toISOString(),
  event: "changed",
  actor: { kind: "classifier", id: null, name: "Classifier" },
  changes: [{ field: "category", old: "billing", new: "account", kept_suggestion: null }],
};

const wait = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

describe("TicketView while a language model is asked", () => {
  it("tells agents in the AI panel, then announces the answer and shows it in the timeline", async () => {
    const history: HistoryEntry[] = [];
    const api = stubTicketBackend({ ticket: justFiled(), history });
    await renderTicket(agent);

    const panel = screen.getByTestId("ai-suggestion");
    const status = within(panel).getByTestId("classifying-status");
    expect(status).toHaveAttribute("aria-live", "polite");
    expect(status).toHaveTextContent("Asking the language model… the labels may still change");
    expect(within(panel).getByTestId("ai-backend")).toHaveTextContent("Keyword rules");
    await waitFor(() => expect(api.to("GET", HISTORY)).toHaveLength(1));

    api.changeTicket(ANSWER);
    history.push(CLASSIFIER_CHANGE);
    await wait(CLASSIFYING_REFRESH_INTERVAL_MS);

    await waitFor(() =>
      expect(status).toHaveTextContent("Labels suggested by Local model: Account · Low"),
    );
    expect(within(status).queryByText(/Asking/)).not.toBeInTheDocument();
    expect(within(panel).getByTestId("ai-backend")).toHaveTextContent("Local model");
    expect(screen.getByLabelText("Category")).toHaveValue("account");
    await waitFor(() => expect(api.to("GET", HISTORY)).toHaveLength(2));
    expect(await screen.findByText("Classifier changed category Billing → Account")).toBeVisible();
  });

  it("speaks of the suggestion, not the labels, once an agent has confirmed them", async () => {
    stubTicketBackend({
      ticket: justFiled({ labels_confirmed_at: new Date().toISOString() }),
    });
    await renderTicket(agent);

    expect(screen.getByTestId("classifying-status")).toHaveTextContent(
      "Asking the language model… the suggestion may still change",
    );
  });

  it("looks every 1.5 s, and after three minutes only as often as for replies", async () => {
    const api = stubTicketBackend({ ticket: justFiled() });
    await renderTicket(agent);
    const reads = () => api.to("GET", TICKET).length;

    const before = reads();
    await wait(10 * CLASSIFYING_REFRESH_INTERVAL_MS);
    expect(reads() - before).toBeGreaterThanOrEqual(9);

    await wait(CLASSIFYING_PATIENCE_MS);
    const status = screen.getByTestId("classifying-status");
    expect(status).toHaveTextContent(
      "The language model has not answered yet; the labels may still change",
    );
    const after = reads();
    await wait(COMMENTS_REFRESH_INTERVAL_MS);
    expect(reads() - after).toBe(1);
  });

  it("keeps looking every 1.5 s while live updates arrive", async () => {
    const api = stubTicketBackend({ ticket: justFiled() });
    await renderWithProviders(
      <LiveStatusContext value="open">
        <TicketView ticketId={5} me={agent} />
      </LiveStatusContext>,
      { url: "/tickets/5", me: agent },
    );
    await screen.findByRole("heading", { level: 1, name: "Cannot log in" });

    api.changeTicket(ANSWER);
    await wait(CLASSIFYING_REFRESH_INTERVAL_MS);

    await waitFor(() => expect(screen.getByLabelText("Category")).toHaveValue("account"));
  });

  it("says nothing of it for a ticket that is not waiting on one", async () => {
    const api = stubTicketBackend();
    await renderTicket(agent);
    const before = api.to("GET", TICKET).length;

    await wait(COMMENTS_REFRESH_INTERVAL_MS - 1);
    expect(api.to("GET", TICKET).length).toBe(before);
    expect(screen.getByTestId("classifying-status")).toBeEmptyDOMElement();
  });

  it("tells requesters beside the labels, which change once the model answers", async () => {
    const api = stubTicketBackend({ ticket: justFiled() });
    await renderTicket(requester);

    const status = screen.getByTestId("classifying-status");
    expect(status).toHaveTextContent("Asking the language model… the labels may still change");
    expect(screen.getByTitle("Category")).toHaveTextContent("Billing");

    api.changeTicket(ANSWER);
    await wait(CLASSIFYING_REFRESH_INTERVAL_MS);

    await waitFor(() => expect(screen.getByTitle("Category")).toHaveTextContent("Account"));
    expect(status).toHaveTextContent("Labels suggested by Local model: Account · Low");
    expect(api.to("GET", HISTORY)).toHaveLength(0);
  });

  it("does not worry requesters whose labels were their own choice", async () => {
    stubTicketBackend({ ticket: justFiled({ category: "technical", priority: "critical" }) });
    await renderTicket(requester);

    expect(screen.getByTestId("classifying-status")).toBeEmptyDOMElement();
  });
});
