import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import type { Me, Role, SiteConfig } from "@/types/api";
import { ApiError, apiRequest } from "./api-client";
import { sessionKeys } from "./query-keys";
import { clearReplyDrafts } from "./reply-drafts";

/**
 * The site's state for anyone. Asked first on every start, which also gives the browser
 * the CSRF cookie that every later change needs.
 */
export function getConfig(signal?: AbortSignal): Promise<SiteConfig> {
  return apiRequest<SiteConfig>("/api/config/", { signal });
}

export function configQueryOptions() {
  return queryOptions({
    queryKey: sessionKeys.config,
    queryFn: ({ signal }) => getConfig(signal),
    staleTime: 60_000,
  });
}

/** The signed-in person, or null when nobody is (the API answers 401). */
export async function getMe(signal?: AbortSignal): Promise<Me | null> {
  try {
    return await apiRequest<Me>("/api/me/", { signal });
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      // Signed out while the tab was closed or reloaded: forget the drafts left here.
      clearReplyDrafts();
      return null;
    }
    throw error;
  }
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: sessionKeys.me,
    queryFn: ({ signal }) => getMe(signal),
    // Signing in and out set it; a 401 from anywhere clears it.
    staleTime: 5 * 60_000,
  });
}

/** The signed-in person; null only in the moment between a 401 and the redirect. */
export function useCurrentUser(): Me | null {
  return useQuery(meQueryOptions()).data ?? null;
}

export const ROLE_LABELS: Record<Role, string> = {
  requester: "Requester",
  agent: "Agent",
  admin: "Administrator",
};

/** Where each role starts, and where it is sent from a page it may not use. */
export function homePathFor(role: Role): "/my-tickets" | "/desk" {
  return role === "requester" ? "/my-tickets" : "/desk";
}

/**
 * A `next` that came in the URL, kept only when it is a path on this site: a link that
 * sends someone to another site after signing in must not work.
 */
export function safeNextPath(next: unknown): string | null {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//")) {
    return null;
  }
  if (next.startsWith("/\\") || /^\/(sign-in|sign-up|setup)\b/.test(next)) {
    return null;
  }
  return next;
}

function isSessionQuery(queryKey: readonly unknown[]): boolean {
  return queryKey[0] === sessionKeys.me[0] || queryKey[0] === sessionKeys.config[0];
}

/** Someone signed in: nothing cached for whoever was here before may show to them. */
export function startSession(queryClient: QueryClient, me: Me) {
  clearReplyDrafts(me.id);
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
  queryClient.setQueryData(sessionKeys.me, me);
}

/**
 * Signed out (by choice or by a 401): forget the person, everything they could see and
 * the replies they had not sent.
 */
export function endSession(queryClient: QueryClient) {
  clearReplyDrafts();
  queryClient.setQueryData(sessionKeys.me, null);
  queryClient.removeQueries({ predicate: (query) => !isSessionQuery(query.queryKey) });
}
