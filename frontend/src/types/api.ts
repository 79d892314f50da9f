/**
 * The API's data as the UI names it. Every shape is generated from the OpenAPI schema
 * (schema.d.ts, written by scripts/api-types); this file only gives them short names and
 * lists the choices in the order the UI shows them.
 */
import type { components, paths } from "./schema";

type Schemas = components["schemas"];

/**
 * The values of a generated choice, in display order. A list missing a value the schema
 * has, or holding one it lacks, does not compile.
 */
function everyValueOf<T extends string>() {
  return <const L extends readonly T[]>(
    values: L & ([T] extends [L[number]] ? unknown : "a value of the schema is missing"),
  ): L => values;
}

export type Category = Schemas["CategoryEnum"];
export type Priority = Schemas["PriorityEnum"];
export type Status = Schemas["StatusEnum"];
export type Classifier = Schemas["BackendEnum"];
export type Role = Schemas["RoleEnum"];

export const CATEGORIES = everyValueOf<Category>()(["billing", "technical", "account", "general"]);
export const PRIORITIES = everyValueOf<Priority>()(["low", "medium", "high", "critical"]);
export const STATUSES = everyValueOf<Status>()(["open", "in_progress", "resolved", "closed"]);
export const CLASSIFIERS = everyValueOf<Classifier>()(["ollama", "cloud", "learned", "rules"]);
export const ROLES = everyValueOf<Role>()(["requester", "agent", "admin"]);

/** The signed-in person (GET /api/me/). */
export type Me = Schemas["Me"];
/** A person as admins and agents see them (GET /api/users/). */
export type User = Schemas["Person"];
/** A person just invited: whether the mail server took the invitation. */
export type InvitedUser = Schemas["InvitedPerson"];
export type UserPage = Schemas["PaginatedPersonList"];
/** What GET /api/config/ tells anyone, signed in or not. */
export type SiteConfig = Schemas["Config"];
export type SiteSettings = Schemas["DeskSettings"];
export type DemoPerson = Schemas["DemoPerson"];
/** A personal API token; the secret itself is never listed. */
export type ApiToken = Schemas["Token"];
/** The answer to creating a token: the only time the secret is shown. */
export type NewApiToken = Schemas["NewToken"];

/** A person as a ticket names them: its requester, its assignee, a comment's author. */
export type TicketPerson = Schemas["PersonRef"];
export type Ticket = Schemas["Ticket"];
/** One ticket as GET/PATCH /api/tickets/{id}/ give it: with the suggestion's examples. */
export type TicketDetail = Schemas["TicketDetail"];
/**
 * A ticket as its page holds it: the detail's examples, once loaded; a row of the list
 * (without them) while it loads.
 */
export type TicketWithExamples = Ticket & Partial<Pick<TicketDetail, "suggestion_examples">>;
/** A confirmed ticket a language model was shown as a worked example (agents only). */
export type SuggestionExample = Schemas["SuggestionExample"];
export type TicketPage = Schemas["PaginatedTicketList"];
/** One message of a ticket's conversation; requesters are never sent internal notes. */
export type TicketComment = Schemas["Comment"];
export type TicketCommentPage = Schemas["PaginatedCommentList"];
export type HistoryEntry = Schemas["HistoryEntry"];
export type HistoryActor = Schemas["HistoryActor"];
export type HistoryChange = Schemas["HistoryChange"];
export type TicketStats = Schemas["TicketStats"];
/** The classifier's answer while someone types (POST /api/tickets/classify/). */
export type Suggestion = Schemas["ClassifyResponse"];

/** What a client sends to file a ticket; the server records its own suggestion. */
export type TicketCreateInput = Schemas["TicketCreateRequest"];
/** What an agent may change on a ticket (PATCH /api/tickets/{id}/). */
export type TicketChanges = Schemas["PatchedTicketUpdateRequest"];
/** POST /api/tickets/bulk/: the same change to every ticket named. */
export type BulkTicketChange = Schemas["TicketBulkUpdateRequest"];
/** A reply or, for agents, an internal note (POST /api/tickets/{id}/comments/). */
export type NewComment = Schemas["CommentCreateRequest"];
export type ClassifyInput = Schemas["ClassifyRequestRequest"];
/** POST /api/tickets/similar/: tickets whose titles look like the one being typed. */
export type SimilarInput = Schemas["SimilarRequestRequest"];
export type SimilarTicket = Schemas["SimilarTicket"];
export type SimilarTickets = Schemas["SimilarTickets"];

/** How often agents kept the classifier's labels (GET /api/classifier/report/). */
export type ClassifierReport = Schemas["ClassifierReport"];
export type BackendScore = Schemas["BackendScore"];
export type ScoredBackend = Schemas["BackendScoreBackendEnum"];
export const SCORED_BACKENDS = everyValueOf<ScoredBackend>()([
  "all",
  "ollama",
  "cloud",
  "learned",
  "rules",
]);
export type FieldScore = Schemas["FieldScore"];
export type LabelScore = Schemas["LabelScore"];
export type WeekScore = Schemas["WeekScore"];
export type ConfidenceScore = Schemas["ConfidenceScore"];
export type ReliabilityBucket = Schemas["ReliabilityBucket"];
export type LearnedModelState = Schemas["LearnedModelState"];
/** The first administrator (POST /api/setup/). */
export type SetupInput = Schemas["SetupRequest"];
export type InviteInput = Schemas["InviteRequest"];
/** What an admin may change about a person (PATCH /api/users/{id}/). */
export type PersonChanges = Schemas["PatchedPersonUpdateRequest"];

type TicketListQuery = NonNullable<paths["/api/tickets/"]["get"]["parameters"]["query"]>;

/** The agents' queues (GET /api/tickets/?queue=), each counted by GET /api/tickets/queues/. */
export type Queue = NonNullable<TicketListQuery["queue"]>;
export const QUEUES = everyValueOf<Queue>()([
  "mine",
  "unassigned",
  "triage",
  "open",
  "resolved_recently",
  "all",
]);
export type QueueCounts = Schemas["TicketQueues"];

/** The list's `ordering` values: a field name, with "-" for the other direction. */
export type Ordering = NonNullable<TicketListQuery["ordering"]>;
export const ORDERINGS = everyValueOf<Ordering>()([
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
]);

/** The list's query-string filters; an absent key means "any". */
export type TicketFilters = Pick<
  TicketListQuery,
  "category" | "priority" | "status" | "search" | "queue" | "ordering"
>;
