import { formatRelativeTime } from "@/lib/format";
import type { HistoryEntry, Ticket } from "@/types/api";
import { describeActor } from "./timeline";

export type LabelOutcome = {
  field: "category" | "priority";
  suggested: string;
  final: string;
  /** Whether the ticket carries the suggested label now. */
  kept: boolean;
  /** Who set the label last, when the history says. */
  by: string | null;
  /** Whether that was when the ticket was filed, rather than a change afterwards. */
  whenFiled: boolean;
};

/**
 * For each label the classifier suggested: what it suggested, what the ticket says now,
 * and who decided. Without the history (still loading, or not allowed) the labels alone
 * say whether the suggestion was kept.
 */
export function labelOutcomes(
  ticket: Ticket,
  history: readonly HistoryEntry[] = [],
): LabelOutcome[] {
  const outcomes: LabelOutcome[] = [];
  for (const field of ["category", "priority"] as const) {
    const suggested = ticket[`suggested_${field}`];
    if (suggested === null) {
      continue;
    }
    const lastSet = history.findLast(
      (entry) => entry.event !== "suggested" && entry.changes.some((c) => c.field === field),
    );
    outcomes.push({
      field,
      suggested,
      final: ticket[field],
      kept: ticket[field] === suggested,
      by: lastSet ? describeActor(lastSet.actor) : null,
      whenFiled: lastSet?.event === "created",
    });
  }
  return outcomes;
}

/**
 * Whether an agent has said the labels are right: "Confirmed by Alex Agent · 2 hr. ago",
 * "Confirmed before this was recorded" (a time without a person), or "Not confirmed yet".
 */
export function confirmationText(
  ticket: Pick<Ticket, "labels_confirmed_at" | "labels_confirmed_by">,
  meId: number,
  now: number = Date.now(),
): string {
  const { labels_confirmed_at: at, labels_confirmed_by: by } = ticket;
  if (at === null) {
    return "Not confirmed yet";
  }
  if (by === null) {
    return "Confirmed before this was recorded";
  }
  const who = by.id === meId ? "you" : by.name;
  return `Confirmed by ${who} · ${formatRelativeTime(at, now)}`;
}

/** An agent may say the labels are right until someone has, and again while in triage. */
export function mayConfirmLabels(ticket: Pick<Ticket, "labels_confirmed_at" | "needs_triage">) {
  return ticket.labels_confirmed_at === null || ticket.needs_triage;
}
