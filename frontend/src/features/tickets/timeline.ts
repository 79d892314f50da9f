import {
  CATEGORY_LABELS,
  CLASSIFIER_LABELS,
  PRIORITY_LABELS,
  STATUS_LABELS,
} from "@/config/ticket-fields";
import type { HistoryActor, HistoryChange, HistoryEntry, TicketComment } from "@/types/api";

type HistoryValue = HistoryChange["new"];

export type TimelineItem =
  | { kind: "comment"; at: string; comment: TicketComment }
  | {
      kind: "history";
      at: string;
      entry: HistoryEntry;
      /** The entry before it, which holds the suggestion a new ticket's labels follow. */
      previous: HistoryEntry | undefined;
    };

/**
 * A time in microseconds since the epoch, as precise as the API writes it: Date.parse
 * keeps milliseconds only, and a reply and the change it made differ by microseconds.
 */
export function microseconds(at: string): number {
  const fraction = /\.(\d+)/.exec(at)?.[1] ?? "";
  return Date.parse(at) * 1000 + Number(fraction.padEnd(6, "0").slice(3, 6));
}

/**
 * At the same moment: the ticket's creation first (nobody replies to a ticket before it
 * exists), then comments, then the changes a reply made ("reply and resolve").
 */
function rank(item: TimelineItem): number {
  if (item.kind === "comment") {
    return 1;
  }
  return item.entry.event === "changed" ? 2 : 0;
}

/** The conversation and the history as one list, oldest first. */
export function mergeTimeline(
  comments: readonly TicketComment[],
  history: readonly HistoryEntry[],
): TimelineItem[] {
  const items: TimelineItem[] = [];
  history.forEach((entry, index) => {
    items.push({ kind: "history", at: entry.at, entry, previous: history[index - 1] });
  });
  for (const comment of comments) {
    items.push({ kind: "comment", at: comment.created_at, comment });
  }
  // Array.prototype.sort is stable, so equal keys keep the order built above.
  return items.sort((a, b) => microseconds(a.at) - microseconds(b.at) || rank(a) - rank(b));
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: STATUS_LABELS,
  category: CATEGORY_LABELS,
  priority: PRIORITY_LABELS,
  suggested_category: CATEGORY_LABELS,
  suggested_priority: PRIORITY_LABELS,
  classified_by: CLASSIFIER_LABELS,
};

/** Fields whose change reads "changed <field> <old> → <new>". */
const FROM_TO_FIELDS = new Set(["status", "category", "priority", "requester"]);

/** A recorded value as a person reads it: labels for choices, names for people. */
export function describeValue(field: string, value: HistoryValue): string {
  if (value === null) {
    return "nobody";
  }
  if (typeof value === "object") {
    return value.name ?? "a removed account";
  }
  return VALUE_LABELS[field]?.[value] ?? value;
}

export function describeActor(actor: HistoryActor, classifiedBy?: HistoryValue): string {
  if (actor.kind === "system") {
    return "System (outside the app)";
  }
  if (actor.kind === "classifier") {
    return classifiedBy
      ? `Classifier (${describeValue("classified_by", classifiedBy)})`
      : "Classifier";
  }
  return actor.name;
}

function find(entry: HistoryEntry, field: string): HistoryChange | undefined {
  return entry.changes.find((change) => change.field === field);
}

/** "Billing · High": the labels a suggestion named, category first. */
function suggestionText(entry: HistoryEntry): string {
  return ["suggested_category", "suggested_priority"]
    .map((field) => find(entry, field))
    .filter((change): change is HistoryChange => Boolean(change?.new))
    .map((change) => describeValue(change.field, change.new))
    .join(" · ");
}

/** Whether a recorded value is the person who made the change. */
function isActor(actor: HistoryActor, value: HistoryValue): boolean {
  return actor.kind === "person" && typeof value === "object" && value?.id === actor.id;
}

/** An assignment, as a phrase that follows the actor's name. */
function describeAssignment(actor: HistoryActor, change: HistoryChange): string {
  if (change.new === null) {
    return change.old === null || isActor(actor, change.old)
      ? "unassigned it"
      : `unassigned ${describeValue("assignee", change.old)}`;
  }
  return isActor(actor, change.new)
    ? "took the ticket"
    : `assigned it to ${describeValue("assignee", change.new)}`;
}

/** One change of a "changed" entry, as a phrase that follows the actor's name. */
function describeChange(actor: HistoryActor, change: HistoryChange): string | null {
  const { field } = change;
  if (field === "assignee") {
    return describeAssignment(actor, change);
  }
  if (field === "description") {
    return "edited the description";
  }
  if (field === "title") {
    return `renamed it “${describeValue(field, change.new)}”`;
  }
  if (FROM_TO_FIELDS.has(field)) {
    return `changed ${field} ${describeValue(field, change.old)} → ${describeValue(field, change.new)}`;
  }
  return null;
}

/** At creation, per label: whether the person who filed it kept the suggestion. */
function describeKept(change: HistoryChange, suggested: HistoryChange | undefined): string {
  if (change.kept_suggestion) {
    return `kept the suggested ${change.field}`;
  }
  const from = suggested?.new ? `${describeValue(change.field, suggested.new)} → ` : "";
  return `changed ${change.field} ${from}${describeValue(change.field, change.new)}`;
}

function describeCreated(entry: HistoryEntry, suggestion: HistoryEntry | undefined): string {
  const actor = describeActor(entry.actor);
  const requester = find(entry, "requester");
  const forSomeoneElse =
    requester && typeof requester.new === "object" && requester.new?.id !== entry.actor.id;
  const created = forSomeoneElse
    ? `Created by ${actor} for ${describeValue("requester", requester.new)}`
    : `Created by ${actor}`;
  const labels = ["category", "priority"]
    .map((field) => find(entry, field))
    .filter((change): change is HistoryChange => change?.kept_suggestion != null)
    .map((change) =>
      describeKept(change, suggestion && find(suggestion, `suggested_${change.field}`)),
    );
  const assignee = find(entry, "assignee");
  if (assignee?.new) {
    labels.push(describeAssignment(entry.actor, assignee));
  }
  return labels.length > 0 ? `${created}; ${labels.join(", ")}` : created;
}

/**
 * One line for a history entry, e.g. "Alex Agent took the ticket",
 * "Alex Agent changed status Open → Resolved",
 * "Classifier (Keyword rules) suggested Billing · High". `previous` is the entry before
 * it, which holds the suggestion a created ticket's labels are compared with.
 */
export function describeEntry(entry: HistoryEntry, previous?: HistoryEntry): string {
  if (entry.event === "suggested") {
    return `${describeActor(entry.actor, find(entry, "classified_by")?.new)} suggested ${suggestionText(entry)}`;
  }
  if (entry.event === "created") {
    return describeCreated(entry, previous?.event === "suggested" ? previous : undefined);
  }
  const phrases = entry.changes
    .map((change) => describeChange(entry.actor, change))
    .filter((phrase) => phrase !== null);
  const suggested = suggestionText(entry);
  if (suggested) {
    const by = find(entry, "classified_by")?.new;
    phrases.push(
      `updated the suggestion to ${suggested}${by ? ` (${describeValue("classified_by", by)})` : ""}`,
    );
  }
  return `${describeActor(entry.actor)} ${phrases.join(", ") || "changed the ticket"}`;
}
