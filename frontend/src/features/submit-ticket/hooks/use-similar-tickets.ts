import { CLASSIFY_DEBOUNCE_MS } from "@/config/constants";
import { useDebouncedValue } from "@/lib/use-debounced-value";
import type { SimilarTicket } from "@/types/api";
import { useSimilarTickets } from "../api/find-similar-tickets";

const NONE: readonly SimilarTicket[] = [];

/**
 * Tickets whose titles look like the one being typed, asked about once the title settles
 * (the classifier's pause). Nothing while the title is blank or still changing, and
 * nothing when the server could not say: these are hints, never errors.
 */
export function useSimilarToTitle(title: string): readonly SimilarTicket[] {
  const typed = title.trim();
  const settled = useDebouncedValue(typed, CLASSIFY_DEBOUNCE_MS);
  const current = settled !== "" && settled === typed;
  const query = useSimilarTickets(settled, { enabled: current });
  return current ? (query.data?.results ?? NONE) : NONE;
}
