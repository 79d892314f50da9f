import { useCallback, useEffect, useState } from "react";
import { CLASSIFY_DEBOUNCE_MS, CLASSIFY_MIN_DESCRIPTION_LENGTH } from "@/config/constants";
import { type ClassifyInput, useClassifyTicket } from "../api/classify-ticket";

const EMPTY: ClassifyInput = { title: "", description: "" };

function normalise(input: ClassifyInput): ClassifyInput {
  return { title: input.title.trim(), description: input.description.trim() };
}

/**
 * Asks the classifier about the text once the person pauses typing (or leaves the
 * description), and only once the description is long enough to say something.
 */
export function useTicketSuggestion(input: ClassifyInput) {
  const { title, description } = input;
  const [settled, setSettled] = useState<ClassifyInput>(EMPTY);

  useEffect(() => {
    const timer = setTimeout(
      () => setSettled(normalise({ title, description })),
      CLASSIFY_DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [title, description]);

  /** Classify now rather than after the pause (the description lost focus). */
  const flush = useCallback(
    () => setSettled(normalise({ title, description })),
    [title, description],
  );

  /** Forget the text at once, e.g. after the ticket was submitted. */
  const reset = useCallback(() => setSettled(EMPTY), []);

  const enabled =
    settled.description.length >= CLASSIFY_MIN_DESCRIPTION_LENGTH &&
    description.trim().length >= CLASSIFY_MIN_DESCRIPTION_LENGTH;
  const query = useClassifyTicket(settled, { enabled });

  return {
    suggestion: enabled ? query.data : undefined,
    isLoading: enabled && query.isFetching,
    error: enabled ? query.error : null,
    flush,
    reset,
  };
}
