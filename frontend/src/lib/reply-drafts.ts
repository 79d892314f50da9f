/**
 * Unsent replies, kept per person and ticket for as long as the tab lives, so that
 * leaving a ticket and coming back does not lose what was written. Storage that is full
 * or refused (a private window) only means drafts are not kept.
 */
export type ReplyDraft = { body: string; internal: boolean };

const PREFIX = "reply-draft:";

const keyFor = (userId: number, ticketId: number) => `${PREFIX}${userId}:${ticketId}`;

function isDraft(value: unknown): value is ReplyDraft {
  return (
    typeof value === "object" &&
    value !== null &&
    "body" in value &&
    typeof value.body === "string" &&
    "internal" in value &&
    typeof value.internal === "boolean"
  );
}

export function readReplyDraft(userId: number, ticketId: number): ReplyDraft | null {
  try {
    const stored = sessionStorage.getItem(keyFor(userId, ticketId));
    const draft: unknown = stored ? JSON.parse(stored) : null;
    return isDraft(draft) ? draft : null;
  } catch {
    return null;
  }
}

/** Keeps the draft; a blank one is no draft and is forgotten. */
export function saveReplyDraft(userId: number, ticketId: number, draft: ReplyDraft) {
  try {
    if (draft.body.trim()) {
      sessionStorage.setItem(keyFor(userId, ticketId), JSON.stringify(draft));
    } else {
      sessionStorage.removeItem(keyFor(userId, ticketId));
    }
  } catch {
    // Not kept: the reply box still holds it while the page is open.
  }
}

export function clearReplyDraft(userId: number, ticketId: number) {
  saveReplyDraft(userId, ticketId, { body: "", internal: false });
}

/**
 * Forgets the drafts in this tab, all of them or all but `keepFor`'s: nobody signing in
 * next may read another person's.
 */
export function clearReplyDrafts(keepFor?: number) {
  const kept = keepFor === undefined ? null : `${PREFIX}${keepFor}:`;
  try {
    const keys = Array.from({ length: sessionStorage.length }, (_, index) =>
      sessionStorage.key(index),
    );
    for (const key of keys) {
      if (key?.startsWith(PREFIX) && !(kept && key.startsWith(kept))) {
        sessionStorage.removeItem(key);
      }
    }
  } catch {
    // Storage refused: then nothing was kept either.
  }
}
