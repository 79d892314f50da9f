import type { TicketFilters } from "@/types/api";

/**
 * Query keys in one place, so that a feature which changes tickets can invalidate the
 * caches of the features that show them without importing those features.
 */
export const ticketKeys = {
  all: ["tickets"] as const,
  lists: () => [...ticketKeys.all, "list"] as const,
  list: (filters: TicketFilters) => [...ticketKeys.lists(), filters] as const,
  details: () => [...ticketKeys.all, "detail"] as const,
  detail: (id: number) => [...ticketKeys.details(), id] as const,
  comments: (id: number) => [...ticketKeys.all, "comments", id] as const,
  history: (id: number) => [...ticketKeys.all, "history", id] as const,
  /** The queues' counts: outside `lists()`, whose entries all hold pages of tickets. */
  queues: () => [...ticketKeys.all, "queues"] as const,
};

export const statsKeys = {
  all: ["stats"] as const,
};

export const classifyKeys = {
  all: ["classify"] as const,
  text: (title: string, description: string) => [...classifyKeys.all, title, description] as const,
};

export const similarKeys = {
  all: ["similar"] as const,
  title: (title: string) => [...similarKeys.all, title] as const,
};

export const classifierKeys = {
  report: ["classifier", "report"] as const,
};

/** Who is signed in, and what the server tells anyone before that. */
export const sessionKeys = {
  me: ["me"] as const,
  config: ["config"] as const,
};

export const userKeys = {
  all: ["users"] as const,
  lists: () => [...userKeys.all, "list"] as const,
  list: (filters: Record<string, string | undefined>) => [...userKeys.lists(), filters] as const,
  tokens: (id: number) => [...userKeys.all, "tokens", id] as const,
  assignable: () => [...userKeys.all, "assignable"] as const,
};

export const tokenKeys = {
  mine: ["my-tokens"] as const,
};

export const settingsKeys = {
  all: ["settings"] as const,
};
