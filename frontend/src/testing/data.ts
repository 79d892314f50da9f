import type {
  BackendScore,
  ClassifierReport,
  FieldScore,
  Me,
  Ticket,
  TicketPage,
  TicketStats,
  User,
} from "@/types/api";

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
    classifying: false,
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

function fieldScore(labels: string[], accuracy: number | null): FieldScore {
  return {
    accuracy,
    labels: labels.map((label, index) => ({
      label,
      suggested: 4 - index,
      confirmed: 4 - index,
      precision: accuracy,
      recall: accuracy,
    })),
    confusion: labels.map((_, row) => labels.map((_, column) => (row === column ? 3 : row))),
  };
}

function backendScore(backend: BackendScore["backend"], tickets: number): BackendScore {
  const accuracy = tickets === 0 ? null : 0.75;
  return {
    backend,
    tickets,
    both_accuracy: tickets === 0 ? null : 0.5,
    category: fieldScore(["billing", "technical", "account", "general"], accuracy),
    priority: fieldScore(["low", "medium", "high", "critical"], accuracy),
  };
}

/** A classifier report: 12 confirmed tickets by default, none with `confirmed_tickets: 0`. */
export function makeReport(overrides: Partial<ClassifierReport> = {}): ClassifierReport {
  const tickets = overrides.confirmed_tickets ?? 12;
  const monday = Date.UTC(2026, 8, 7);
  return {
    confirmed_tickets: tickets,
    overall: backendScore("all", tickets),
    backends: tickets === 0 ? [] : [backendScore("rules", 8), backendScore("learned", 4)],
    weekly: Array.from({ length: 12 }, (_, index) => ({
      week: new Date(monday + index * 7 * 86_400_000).toISOString().slice(0, 10),
      tickets: tickets === 0 || index % 3 === 0 ? 0 : 1,
      category_rate: tickets === 0 || index % 3 === 0 ? null : 0.8,
      priority_rate: tickets === 0 || index % 3 === 0 ? null : 0.6,
    })),
    confidence: {
      threshold: 0.5,
      above: { tickets: tickets === 0 ? 0 : 9, accuracy: tickets === 0 ? null : 0.78 },
      below: { tickets: tickets === 0 ? 0 : 3, accuracy: tickets === 0 ? null : 0.33 },
      unknown: { tickets: 0, accuracy: null },
      reliability: Array.from({ length: 10 }, (_, index) => ({
        low: index / 10,
        high: (index + 1) / 10,
        tickets: tickets === 0 || index < 3 ? 0 : 2,
        mean_confidence: tickets === 0 || index < 3 ? null : index / 10 + 0.05,
        accuracy: tickets === 0 || index < 3 ? null : 0.5,
      })),
    },
    learned_model:
      tickets === 0
        ? { version: null, min_tickets: 50, retrain_every: 20, new_confirmations: 0 }
        : {
            version: 3,
            trained_at: new Date(Date.now() - 3 * 3_600_000).toISOString(),
            team_tickets: 60,
            prior_tickets: 40,
            holdout: { tickets: 12, category: 0.83, priority: 0.67 },
            seconds: 1.4,
            answering: true,
            min_tickets: 50,
            retrain_every: 20,
            new_confirmations: 5,
          },
    ...overrides,
  };
}
