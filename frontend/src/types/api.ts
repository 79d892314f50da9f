export const CATEGORIES = ["billing", "technical", "account", "general"] as const;
export const PRIORITIES = ["low", "medium", "high", "critical"] as const;
export const STATUSES = ["open", "in_progress", "resolved", "closed"] as const;
export const CLASSIFIERS = ["ollama", "cloud", "rules"] as const;

export type Category = (typeof CATEGORIES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Status = (typeof STATUSES)[number];
export type Classifier = (typeof CLASSIFIERS)[number];

export const ROLES = ["requester", "agent", "admin"] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in person (GET /api/me/). */
export type Me = {
  id: number;
  email: string;
  name: string;
  role: Role;
};

/** A person as admins and agents see them (GET /api/users/). */
export type User = {
  id: number;
  email: string;
  name: string;
  role: Role;
  is_active: boolean;
  date_joined: string;
  last_login: string | null;
};

/** A person just invited: whether the mail server took the invitation. */
export type InvitedUser = User & { invitation_sent: boolean };

export type UserPage = {
  next: string | null;
  previous: string | null;
  results: User[];
};

/** What GET /api/config/ tells anyone, signed in or not. */
export type SiteConfig = {
  setup_needed: boolean;
  signup_open: boolean;
  demo: boolean;
};

export type SiteSettings = {
  signup_open: boolean;
};

export type DemoPerson = {
  id: number;
  name: string;
  email: string;
  role: Role;
};

/** A personal API token; the secret itself is never listed. */
export type ApiToken = {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
};

/** The answer to creating a token: the only time the secret is shown. */
export type NewApiToken = ApiToken & { token: string };

/** A person as a ticket names them: its requester, its assignee, a comment's author. */
export type TicketPerson = {
  id: number;
  name: string;
  email: string;
};

export type TicketRequester = TicketPerson;

export type Ticket = {
  id: number;
  requester: TicketRequester;
  /** The agent or admin who owns it, if anyone does. */
  assignee: TicketPerson | null;
  title: string;
  description: string;
  category: Category;
  priority: Priority;
  status: Status;
  suggested_category: Category | null;
  suggested_priority: Priority | null;
  classified_by: Classifier | null;
  created_at: string;
  updated_at: string;
  /** The last public reply: internal notes never count. */
  last_reply_at: string | null;
  last_reply_by: TicketPerson | null;
  /** Agents: the requester replied since this agent last opened the ticket. */
  unread: boolean;
};

export type TicketPage = {
  next: string | null;
  previous: string | null;
  results: Ticket[];
};

/** One message of a ticket's conversation; requesters are never sent internal notes. */
export type TicketComment = {
  id: number;
  author: TicketPerson;
  body: string;
  internal: boolean;
  created_at: string;
};

export type TicketCommentPage = {
  next: string | null;
  previous: string | null;
  results: TicketComment[];
};

export type TicketStats = {
  total_tickets: number;
  open_tickets: number;
  avg_tickets_per_day: number;
  priority_breakdown: Record<Priority, number>;
  category_breakdown: Record<Category, number>;
  status_breakdown: Record<Status, number>;
  ai_agreement: {
    classified_tickets: number;
    category_rate: number | null;
    priority_rate: number | null;
  };
};

export type Suggestion = {
  suggested_category: Category;
  suggested_priority: Priority;
  backend: Classifier;
  model: string | null;
  latency_ms: number;
};

/** The agents' queues (GET /api/tickets/?queue=), each counted by GET /api/tickets/queues/. */
export const QUEUES = ["mine", "unassigned", "open", "resolved_recently", "all"] as const;
export type Queue = (typeof QUEUES)[number];
export type QueueCounts = Record<Queue, number>;

/** The list's `ordering` values: a field name, with "-" for the other direction. */
export const ORDERINGS = [
  "-created_at",
  "created_at",
  "-updated_at",
  "updated_at",
  "-priority",
  "priority",
  "title",
  "-title",
  "requester",
  "-requester",
  "assignee",
  "-assignee",
  "status",
  "-status",
] as const;
export type Ordering = (typeof ORDERINGS)[number];

/** The list's query-string filters; an absent key means "any". */
export type TicketFilters = {
  category?: Category;
  priority?: Priority;
  status?: Status;
  search?: string;
  queue?: Queue;
  ordering?: Ordering;
};

/** POST /api/tickets/bulk/: the same change to every ticket named. */
export type BulkTicketChange = {
  ids: number[];
  status?: Status;
  /** An agent's or admin's id; null leaves the tickets with nobody. */
  assignee?: number | null;
};
