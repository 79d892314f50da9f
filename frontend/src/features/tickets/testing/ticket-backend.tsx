import { screen } from "@testing-library/react";
import { makeMe, makeTicket, makeUser } from "@/testing/data";
import { jsonResponse, stubFetch } from "@/testing/fetch-stub";
import { renderWithProviders } from "@/testing/render";
import type { HistoryEntry, Me, TicketComment, TicketWithExamples } from "@/types/api";
import { TicketView } from "../components/ticket-view";

export const TICKET = "/api/tickets/5/";
export const COMMENTS = "/api/tickets/5/comments/";
export const HISTORY = "/api/tickets/5/history/";
export const READ = "/api/tickets/5/read/";
export const agent = makeMe({
  id: 3,
  name: "Alex Agent",
  email: "alex@example.com",
  role: "agent",
});
export const requester = makeMe({ id: 7, name: "Rita Requester", role: "requester" });

export function makeComment(overrides: Partial<TicketComment> = {}): TicketComment {
  return {
    id: 1,
    author: { id: 7, name: "Rita Requester", email: "rita@example.com" },
    body: "It still fails.",
    internal: false,
    created_at: new Date(Date.now() - 60_000).toISOString(),
    ...overrides,
  };
}

export function errorBody(code: string, detail: string, attr: string | null = null) {
  return jsonResponse({ type: "validation_error", errors: [{ code, detail, attr }] }, 400);
}

type BackendOptions = {
  ticket?: Partial<TicketWithExamples>;
  comments?: TicketComment[];
  history?: HistoryEntry[];
  postComment?: (body: Record<string, unknown>) => Response | Promise<Response>;
  patch?: (body: Record<string, unknown>) => Response | Promise<Response>;
};

/**
 * One ticket's worth of server: what the page writes comes back when it reads.
 * `comments` and `history` are live lists: push to them to have a reply or a change
 * arrive while the page is open; `changeTicket` changes it as someone else would.
 */
export function stubTicketBackend(options: BackendOptions = {}) {
  let ticket: TicketWithExamples = makeTicket({ id: 5, title: "Cannot log in", ...options.ticket });
  const comments = options.comments ?? [];
  const api = stubFetch({
    [`GET ${TICKET}`]: () => jsonResponse(ticket),
    [`PATCH ${TICKET}`]: async ({ body }) => {
      const changes = body as Record<string, unknown>;
      const answer = options.patch ? await options.patch(changes) : null;
      if (answer && !answer.ok) {
        return answer;
      }
      const { assignee, ...rest } = changes;
      ticket = { ...ticket, ...rest };
      // As the API does: an agent setting either label, even unchanged, confirms both.
      if ("category" in rest || "priority" in rest) {
        ticket = {
          ...ticket,
          labels_confirmed_at: new Date().toISOString(),
          labels_confirmed_by: { id: agent.id, name: agent.name, email: agent.email },
          needs_triage: false,
        };
      }
      if (typeof assignee === "number") {
        ticket = {
          ...ticket,
          assignee: { id: assignee, name: `Person ${assignee}`, email: "p@example.com" },
        };
      } else if (assignee === null) {
        ticket = { ...ticket, assignee: null };
      }
      return jsonResponse(ticket);
    },
    [`GET ${COMMENTS}`]: () => jsonResponse({ next: null, previous: null, results: comments }),
    [`GET ${HISTORY}`]: () => jsonResponse(options.history ?? []),
    [`POST ${READ}`]: () => new Response(null, { status: 204 }),
    [`POST ${COMMENTS}`]: async ({ body }) => {
      const sent = body as Record<string, unknown>;
      const answer = options.postComment ? await options.postComment(sent) : null;
      if (answer && !answer.ok) {
        return answer;
      }
      const comment = makeComment({
        id: comments.length + 100,
        body: sent.body as string,
        internal: Boolean(sent.internal),
        author: { id: 3, name: "Alex Agent", email: "alex@example.com" },
      });
      comments.push(comment);
      return jsonResponse(comment, 201);
    },
    "GET /api/users/": ({ url }) =>
      jsonResponse({
        next: null,
        previous: null,
        results:
          url.searchParams.get("role") === "agent"
            ? [
                makeUser({ id: 3, name: "Alex Agent", role: "agent" }),
                makeUser({ id: 4, name: "Bea Agent", role: "agent" }),
              ]
            : [makeUser({ id: 1, name: "Ada Admin", role: "admin" })],
      }),
  });
  const changeTicket = (changes: Partial<TicketWithExamples>) => {
    ticket = { ...ticket, ...changes };
  };
  return { ...api, changeTicket };
}

export async function renderTicket(me: Me) {
  const rendered = await renderWithProviders(<TicketView ticketId={5} me={me} />, {
    url: "/tickets/5",
    me,
  });
  await screen.findByRole("heading", { level: 1, name: "Cannot log in" });
  return rendered;
}
