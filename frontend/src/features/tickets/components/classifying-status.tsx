import { HStack, Spinner, Text } from "@chakra-ui/react";
import { useEffect, useState } from "react";
import { CLASSIFYING_PATIENCE_MS } from "@/config/constants";
import { CATEGORY_LABELS, CLASSIFIER_LABELS, PRIORITY_LABELS } from "@/config/ticket-fields";
import { awaitsLanguageModel, labelsMayChange } from "@/lib/classifying";
import type { Ticket } from "@/types/api";

type ClassifyingStatusProps = {
  ticket: Ticket;
  /**
   * Speak of the labels only, and only while they may change: requesters are never
   * shown the suggestion itself.
   */
  labelsOnly?: boolean;
};

/**
 * Says that a language model is still being asked about the ticket, and which one
 * answered once it has. A live region, there before anything is said in it, so screen
 * readers hear the answer arrive; it takes a line of its own in a wrapping row.
 */
export function ClassifyingStatus({ ticket, labelsOnly = false }: ClassifyingStatusProps) {
  const waiting = useAwaitsLanguageModel(ticket);
  const labels = labelsMayChange(ticket);
  const watched = ticket.classifying && (labels || !labelsOnly);
  // The answer is announced only for a ticket whose wait was shown on this page.
  const [shownFor, setShownFor] = useState<number | null>(null);
  if (watched && shownFor !== ticket.id) {
    setShownFor(ticket.id);
  }
  const answered = !ticket.classifying && shownFor === ticket.id;
  const what = labels ? "the labels" : "the suggestion";

  return (
    <HStack
      aria-live="polite"
      gap="2"
      align="start"
      flexBasis={watched ? "full" : undefined}
      textStyle="sm"
      color="fg.muted"
      data-testid="classifying-status"
    >
      {watched && waiting && (
        <>
          <Spinner size="xs" color="teal.solid" flexShrink="0" mt="1" />
          <Text>Asking the language model… {what} may still change</Text>
        </>
      )}
      {watched && !waiting && (
        <Text>The language model has not answered yet; {what} may still change</Text>
      )}
      {answered && <Text srOnly>{describeAnswer(ticket)}</Text>}
    </HStack>
  );
}

function describeAnswer(ticket: Ticket): string {
  const {
    classified_by: backend,
    suggested_category: category,
    suggested_priority: priority,
  } = ticket;
  if (backend === null || category === null || priority === null) {
    return "The classifier has answered";
  }
  return `Labels suggested by ${CLASSIFIER_LABELS[backend]}: ${CATEGORY_LABELS[category]} · ${PRIORITY_LABELS[priority]}`;
}

/** `awaitsLanguageModel`, turning false on its own once the worker has had long enough. */
function useAwaitsLanguageModel(ticket: Ticket): boolean {
  const [now, setNow] = useState(Date.now);
  const waiting = awaitsLanguageModel(ticket, now);
  const deadline = Date.parse(ticket.created_at) + CLASSIFYING_PATIENCE_MS;
  useEffect(() => {
    if (!waiting) {
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), deadline - Date.now());
    return () => clearTimeout(timer);
  }, [waiting, deadline]);
  return waiting;
}
