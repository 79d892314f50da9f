import type { Me, Ticket, TicketPage, TicketStats, User } from "@/types/api";

export function makeTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    id: 1,
    requester: { id: 7, name: "Rita Requester", email: "rita@example.com" },
    assignee: null,
    title: "Charged twice for my subscription",
    description: "I was charged twice this month, please refund the duplicate invoice",
    category: "billing",
    priority: "high",
    status: "open",
    suggested_category: "billing",
    suggested_priority: "high",
    classified_by: "rules",
    classifier_model: null,
    prompt_version: null,
    confidence: 0.8,
    unsure: false,
    labels_confirmed_at: null,
    labels_confirmed_by: null,
    needs_triage: false,
    created_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    updated_at: new Date(Date.now() - 5 * 60_000).toISOString(),
    last_reply_at: null,
    last_reply_by: null,
    unread: false,
    ...overrides,
  };
}

export function makePage(results: Ticket[], next: string | null = null): TicketPage {
  return { next, previous: null, results };
}

export function makeStats(overrides: Partial<TicketStats> = {}): TicketStats {
  return {
    total_tickets: 10,
    open_tickets: 4,
    avg_tickets_per_day: 2.5,
    priority_breakdown: { low: 1, medium: 3, high: 4, critical: 2 },
    category_breakdown: { billing: 3, technical: 4, account: 2, general: 1 },
    status_breakdown: { open: 4, in_progress: 2, resolved: 3, closed: 1 },
    ai_agreement: { classified_tickets: 7, category_rate: 0.86, priority_rate: 0.71 },
    ...overrides,
  };
}

export function makeMe(overrides: Partial<Me> = {}): Me {
  return { id: 1, email: "ada@example.com", name: "Ada Admin", role: "admin", ...overrides };
}

export function makeUser(overrides: Partial<User> = {}): User {
  return {
    id: 7,
    email: "rita@example.com",
    name: "Rita Requester",
    role: "requester",
    is_active: true,
    date_joined: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    last_login: null,
    ...overrides,
  };
}
