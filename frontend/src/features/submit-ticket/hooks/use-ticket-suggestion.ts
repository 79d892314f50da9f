import { useCallback, useEffect, useMemo, useState } from "react";
import {
  CLASSIFY_DEBOUNCE_MS,
  CLASSIFY_MIN_DESCRIPTION_LENGTH,
  CLASSIFY_THROTTLED_PAUSE_MS,
} from "@/config/constants";
import { ApiError } from "@/lib/api-client";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import type { ClassifyInput } from "@/types/api";
import { useClassifyTicket } from "../api/classify-ticket";

/** The text being typed: both fields, each maybe empty. */
type TicketText = Required<ClassifyInput>;

const EMPTY: TicketText = { title: "", description: "" };

function normalise(input: TicketText): TicketText {
  return { title: input.title.trim(), description: input.description.trim() };
}

/**
 * Asks the classifier about the text once the person pauses typing (or leaves the
 * description), and only once the description is long enough to say something.
 *
 * When the server says it is asked too often (429), suggestions pause for as long as its
 * Retry-After says: no request, no error, and the last suggestion stays. Afterwards the
 * text as it is then is asked about once.
 */
export function useTicketSuggestion(input: TicketText) {
  const { title, description } = input;
  const text = useMemo(() => normalise({ title, description }), [title, description]);
  const debounced = useDebouncedValue(text, CLASSIFY_DEBOUNCE_MS);
  // The text as it was when the description lost focus: asked about without the wait.
  const [flushed, setFlushed] = useState<TicketText | null>(null);
  const settled = flushed === text ? text : debounced;
  const [pauseMs, setPauseMs] = useState<number | null>(null);

  useEffect(() => {
    if (pauseMs === null) {
      return;
    }
    const timer = setTimeout(() => setPauseMs(null), pauseMs);
    return () => clearTimeout(timer);
  }, [pauseMs]);

  /** Classify now rather than after the pause (the description lost focus). */
  const flush = useCallback(() => setFlushed(text), [text]);

  const paused = pauseMs !== null;
  const longEnough =
    settled.description.length >= CLASSIFY_MIN_DESCRIPTION_LENGTH &&
    description.trim().length >= CLASSIFY_MIN_DESCRIPTION_LENGTH;
  const enabled = longEnough && !paused;
  // While paused the query watches no text, so it shows the last answer it had (its
  // placeholder) rather than the refusal of the text that was throttled.
  const query = useClassifyTicket(paused ? EMPTY : settled, { enabled });

  const error = enabled ? query.error : null;
  if (error instanceof ApiError && error.isThrottled) {
    // Set during render, so React redraws with the pause before showing the refusal.
    // At least a second, so that a "Retry-After: 0" cannot turn into a stream of requests.
    setPauseMs(
      error.retryAfterSeconds === null
        ? CLASSIFY_THROTTLED_PAUSE_MS
        : Math.max(error.retryAfterSeconds, 1) * 1000,
    );
  }

  return {
    suggestion: longEnough ? query.data : undefined,
    isLoading: enabled && query.isFetching,
    error,
    paused,
    flush,
  };
}
