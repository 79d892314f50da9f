import { CATEGORY_LABELS, CLASSIFIER_LABELS, PRIORITY_LABELS } from "@/config/ticket-fields";
import { formatPercent } from "@/lib/format";
import { CATEGORIES, type LearnedModelState, PRIORITIES, type ScoredBackend } from "@/types/api";

export type ScoredField = "category" | "priority";

export const FIELD_NAMES: Record<ScoredField, string> = {
  category: "Category",
  priority: "Priority",
};

/** The labels of a field in the order the API's confusion matrices use. */
export const FIELD_CHOICES: Record<ScoredField, readonly string[]> = {
  category: CATEGORIES,
  priority: PRIORITIES,
};

const LABEL_NAMES: Record<string, string> = { ...CATEGORY_LABELS, ...PRIORITY_LABELS };

/** "Billing", "High"; a label this UI does not know yet is shown as the API spells it. */
export function labelName(label: string): string {
  return LABEL_NAMES[label] ?? label;
}

export function backendName(backend: ScoredBackend): string {
  return backend === "all" ? "All classifiers" : CLASSIFIER_LABELS[backend];
}

/** A share as a percentage, or an en dash when there was nothing to measure. */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : formatPercent(rate);
}

export function ticketCount(count: number): string {
  return `${count} ${count === 1 ? "ticket" : "tickets"}`;
}

/**
 * How strongly a confusion cell is shaded, 0 to 1: its share of the row (the tickets that
 * truly carry that label), so rows with few tickets are as readable as busy ones.
 */
export function cellShare(count: number, row: readonly number[]): number {
  const total = row.reduce((sum, value) => sum + value, 0);
  return total === 0 ? 0 : count / total;
}

/** "0.6–0.7": a reliability bucket's confidence range. */
export function bucketRange(low: number, high: number): string {
  return `${formatPercent(low)}–${formatPercent(high)}`;
}

/**
 * Where the learned model stands, in a sentence: answering, or how far it is from the
 * confirmed tickets it needs before it may answer.
 */
export function learnedModelStatus(model: LearnedModelState): {
  answering: boolean;
  text: string;
} {
  if (model.version !== null && model.answering) {
    return { answering: true, text: "Answering" };
  }
  const learnedFrom = model.version === null ? model.new_confirmations : (model.team_tickets ?? 0);
  return {
    answering: false,
    text: `Learning: ${Math.min(learnedFrom, model.min_tickets)} of ${model.min_tickets} confirmed`,
  };
}

const weekFormat = new Intl.DateTimeFormat("en", {
  month: "short",
  day: "numeric",
  timeZone: "UTC",
});

/** "Nov 24": the Monday a week starts on (a date without a time, read as UTC). */
export function weekLabel(week: string): string {
  return weekFormat.format(new Date(`${week}T00:00:00Z`));
}
