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
