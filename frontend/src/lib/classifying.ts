import { CLASSIFYING_PATIENCE_MS } from "@/config/constants";
import type { Ticket } from "@/types/api";

/**
 * Whether a language model may still answer for this ticket within seconds: it is marked
 * classifying and was filed recently enough for the worker to be trying. `created_at`
 * is the server's clock, so a client clock far off shortens or stretches the wait.
 */
export function awaitsLanguageModel(
  ticket: Pick<Ticket, "classifying" | "created_at">,
  now: number,
): boolean {
  return ticket.classifying && now - Date.parse(ticket.created_at) < CLASSIFYING_PATIENCE_MS;
}

/**
 * Whether the language model's answer may still change the ticket's labels, not only its
 * suggestion: no agent has confirmed them, and one still holds the quick suggestion's
 * value (the worker fills only the labels left to the classifier).
 */
export function labelsMayChange(
  ticket: Pick<
    Ticket,
    "category" | "priority" | "suggested_category" | "suggested_priority" | "labels_confirmed_at"
  >,
): boolean {
  return (
    ticket.labels_confirmed_at === null &&
    (ticket.category === ticket.suggested_category || ticket.priority === ticket.suggested_priority)
  );
}
