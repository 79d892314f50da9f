import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { COMMENTS_REFRESH_INTERVAL_MS } from "@/config/constants";
import { ticketKeys } from "@/lib/query-keys";
import { sampleHistory } from "../testing/history";
import {
  agent,
  COMMENTS,
  HISTORY,
  makeComment,
  READ,
  renderTicket,
  requester,
  stubTicketBackend,
  TICKET,
} from "../testing/ticket-backend";

describe("TicketView timeline", () => {
  it("shows agents the history between the messages, in time order", async () => {
    stubTicketBackend({
      history: sampleHistory(),
      comments: [
        makeComment({ id: 1, body: "Still failing", created_at: sampleHistory()[2].at }),
        makeComment({
          id: 2,
          body: "Looking into it",
          internal: true,
          author: { id: 3, name: "Alex Agent", email: "alex@example.com" },
          created_at: new Date(Date.now() - 20 * 60_000).toISOString(),
        }),
      ],
    });
    await renderTicket(agent);

    const list = await screen.findByRole("list", { name: "Conversation" });
    await waitFor(() => expect(within(list).getAllByRole("listitem")).toHaveLength(6));
    expect(
      within(list)
        .getAllByRole("listitem")
        .map((item) => item.textContent),
    ).toEqual([
      expect.stringContaining("Classifier (Keyword rules) suggested Billing · High"),
      expect.stringContaining(
        "Created by Rita Requester; kept the suggested category, changed priority High → Medium",
      ),
      expect.stringContaining("Still failing"),
      expect.stringContaining("Alex Agent took the ticket"),
      expect.stringContaining("Looking into it"),
      expect.stringContaining("Alex Agent changed status Open → Resolved"),
    ]);
    expect(
      within(list).getByRole("article", { name: "Internal note by Alex Agent" }),
    ).toBeVisible();
  });

  it("never asks for the history for a requester", async () => {
    const api = stubTicketBackend({ comments: [makeComment({ body: "Hello" })] });
    await renderTicket(requester);

    expect(await screen.findByRole("article", { name: "Reply by Rita Requester" })).toBeVisible();
    expect(api.to("GET", HISTORY)).toHaveLength(0);
    expect(screen.queryAllByTestId("history-line")).toHaveLength(0);
  });
});

describe("TicketView AI suggestion", () => {
  it("says which backend suggested what, and which label was kept or changed", async () => {
    stubTicketBackend({
      ticket: { category: "billing", priority: "medium", classified_by: "rules" },
      history: sampleHistory(),
    });
    await renderTicket(agent);

    const panel = screen.getByTestId("ai-suggestion");
    expect(within(panel).getByTestId("ai-backend")).toHaveTextContent("Keyword rules");
    const [category, priority] = within(panel).getAllByRole("listitem");
    expect(category).toHaveTextContent("Category: Billing");
    expect(within(category).getByText("Kept", { exact: true })).toBeVisible();
    expect(priority).toHaveTextContent("Priority: High");
    expect(within(priority).getByText("Changed", { exact: true })).toBeVisible();
    await waitFor(() =>
      expect(priority).toHaveTextContent("Changed to Medium by Rita Requester when filing"),
    );
    expect(category).toHaveTextContent("Kept by Rita Requester when filing");
  });

  it("says so when nothing was suggested", async () => {
    stubTicketBackend({
      ticket: { suggested_category: null, suggested_priority: null, classified_by: null },
    });
    await renderTicket(agent);

    expect(screen.getByTestId("ai-suggestion")).toHaveTextContent(
      "No suggestion was recorded for this ticket.",
    );
  });
});

describe("TicketView suggestion provenance and confirmation", () => {
  it("names the model, prompt and confidence, and marks an unsure suggestion in triage", async () => {
    stubTicketBackend({
      ticket: {
        classified_by: "ollama",
        classifier_model: "llama3.2:3b",
        prompt_version: "p4",
        confidence: 0.42,
        unsure: true,
        needs_triage: true,
      },
    });
    await renderTicket(agent);

    const panel = screen.getByTestId("ai-suggestion");
    expect(within(panel).getByTestId("ai-backend")).toHaveTextContent("Local model");
    expect(within(panel).getByTestId("ai-provenance")).toHaveTextContent(
      "Modelllama3.2:3bPromptp4Confidence42%unsure",
    );
    expect(within(panel).getByTestId("ai-needs-triage")).toHaveTextContent("Needs triage");
    expect(within(panel).getByTestId("label-confirmation")).toHaveTextContent("Not confirmed yet");
  });

  it("confirms the labels by sending them unchanged, and leaves triage at once", async () => {
    const api = stubTicketBackend({
      ticket: { category: "account", priority: "low", unsure: true, needs_triage: true },
    });
    const { user } = await renderTicket(agent);

    await user.click(screen.getByRole("button", { name: "Labels are right" }));

    await waitFor(() => expect(api.to("PATCH", TICKET)).toHaveLength(1));
    expect(api.to("PATCH", TICKET)[0].body).toEqual({ category: "account", priority: "low" });
    expect(screen.getByTestId("label-confirmation")).toHaveTextContent(
      "Confirmed by you · just now",
    );
    expect(screen.queryByTestId("ai-needs-triage")).not.toBeInTheDocument();
  });

  it("says who confirmed, or that it was before anyone recorded it, without a button", async () => {
    stubTicketBackend({
      ticket: {
        labels_confirmed_at: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        labels_confirmed_by: { id: 9, name: "Bea Agent", email: "bea@example.com" },
      },
    });
    await renderTicket(agent);

    expect(screen.getByTestId("label-confirmation")).toHaveTextContent(
      "Confirmed by Bea Agent · 2 hr. ago",
    );
    expect(screen.queryByRole("button", { name: "Labels are right" })).not.toBeInTheDocument();
  });

  it("links the confirmed tickets a language model was shown", async () => {
    stubTicketBackend({
      ticket: {
        classified_by: "cloud",
        suggestion_examples: [
          { id: 12, title: "Login loop", category: "account", priority: "high" },
        ],
      },
    });
    await renderTicket(agent);

    const examples = await screen.findByTestId("ai-examples");
    expect(examples).toHaveTextContent("Based on these confirmed tickets");
    expect(within(examples).getByRole("link", { name: "#12 Login loop" })).toHaveAttribute(
      "href",
      "/tickets/12",
    );
    expect(examples).toHaveTextContent("Account · High");
  });
});

describe("TicketView keyboard and focus", () => {
  it("puts the cursor in the reply box on R, but not while typing or with a modifier", async () => {
    stubTicketBackend();
    const { user } = await renderTicket(agent);
    const box = screen.getByRole("textbox", { name: "Reply" });

    await user.keyboard("{Control>}r{/Control}");
    expect(box).not.toHaveFocus();

    const status = screen.getByLabelText("Status");
    status.focus();
    await user.keyboard("r");
    expect(box).not.toHaveFocus();

    // A combobox takes letters to pick an option, as a select does.
    const picker = document.createElement("button");
    picker.setAttribute("role", "combobox");
    document.body.append(picker);
    picker.focus();
    await user.keyboard("r");
    expect(box).not.toHaveFocus();
    picker.remove();

    await user.click(screen.getByRole("heading", { level: 1 }));
    await user.keyboard("r");
    expect(box).toHaveFocus();
    expect(box).toHaveValue("");
  });

  it("sends with ⌘+Enter as with Ctrl+Enter, from the reply box only", async () => {
    const api = stubTicketBackend();
    const { user } = await renderTicket(agent);
    const box = screen.getByRole("textbox", { name: "Reply" });

    await user.type(box, "On a Mac{Meta>}{Enter}{/Meta}");
    await waitFor(() => expect(api.to("POST", COMMENTS)).toHaveLength(1));
    expect(api.to("POST", COMMENTS)[0].body).toEqual({ body: "On a Mac", internal: false });
    await waitFor(() => expect(box).toHaveValue(""));

    await user.type(box, "Not yet");
    await user.click(screen.getByRole("heading", { level: 1 }));
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(api.to("POST", COMMENTS)).toHaveLength(1);
    expect(box).toHaveValue("Not yet");
  });

  it("saves a side-panel select once, not on every arrow key, and keeps the focus there", async () => {
    const api = stubTicketBackend();
    await renderTicket(agent);
    const status = screen.getByLabelText("Status");
    status.focus();

    // A browser steps a closed select on each arrow key and fires `change` every time.
    for (const value of ["in_progress", "resolved", "closed"]) {
      fireEvent.keyDown(status, { key: "ArrowDown" });
      fireEvent.change(status, { target: { value } });
      fireEvent.keyUp(status, { key: "ArrowDown" });
    }
    expect(status).toHaveValue("closed");
    expect(screen.getByText("saves,", { exact: false })).toBeVisible();
    expect(api.to("PATCH", TICKET)).toHaveLength(0);

    fireEvent.keyDown(status, { key: "Enter" });
    await waitFor(() => expect(api.to("PATCH", TICKET)).toHaveLength(1));
    expect(api.to("PATCH", TICKET)[0].body).toEqual({ status: "closed" });
    expect(status).toHaveFocus();

    // Stepping back and leaving the select saves once more; Escape drops a draft.
    fireEvent.keyDown(status, { key: "ArrowUp" });
    fireEvent.change(status, { target: { value: "resolved" } });
    fireEvent.keyDown(status, { key: "Escape" });
    expect(status).toHaveValue("closed");
    fireEvent.keyDown(status, { key: "ArrowUp" });
    fireEvent.change(status, { target: { value: "resolved" } });
    fireEvent.blur(status);
    await waitFor(() => expect(api.to("PATCH", TICKET)).toHaveLength(2));
    expect(api.to("PATCH", TICKET)[1].body).toEqual({ status: "resolved" });
  });
});

describe("TicketView unread", () => {
  it("marks the ticket read on open, and again when the requester replies meanwhile", async () => {
    const comments = [makeComment({ id: 1 })];
    const api = stubTicketBackend({ ticket: { unread: true }, comments });
    const { queryClient } = await renderTicket(agent);

    await waitFor(() => expect(api.to("POST", READ)).toHaveLength(1));
    await waitFor(() =>
      expect(queryClient.getQueryState(ticketKeys.lists())?.isInvalidated ?? true).toBe(true),
    );

    comments.push(makeComment({ id: 2, body: "Any news?" }));
    await act(() => vi.advanceTimersByTimeAsync(COMMENTS_REFRESH_INTERVAL_MS));
    expect(await screen.findByText("Any news?")).toBeVisible();
    await waitFor(() => expect(api.to("POST", READ)).toHaveLength(2));
  });

  it("does not mark anything read for a requester", async () => {
    const api = stubTicketBackend({ comments: [makeComment()] });
    await renderTicket(requester);

    expect(await screen.findByRole("article", { name: "Reply by Rita Requester" })).toBeVisible();
    expect(api.to("POST", READ)).toHaveLength(0);
  });
});
