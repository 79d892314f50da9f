import { HStack, Spinner, Text } from "@chakra-ui/react";
import type { Suggestion } from "@/types/api";
import { SuggestionBadge } from "./suggestion-badge";

type SuggestionStatusProps = {
  suggestion: Suggestion | undefined;
  isLoading: boolean;
  error: Error | null;
  /** The server asked for fewer requests: suggestions wait a little. */
  paused: boolean;
};

/** One line above the dropdowns that says what the classifier is doing or has said. */
export function SuggestionStatus({ suggestion, isLoading, error, paused }: SuggestionStatusProps) {
  return (
    <HStack gap="2" minH="6" wrap="wrap" aria-live="polite" textStyle="sm">
      {isLoading ? (
        <>
          <Spinner size="xs" color="teal.solid" />
          <Text color="fg.muted">Suggesting a category and priority…</Text>
        </>
      ) : suggestion ? (
        <>
          <Text color="fg.muted">{suggestion.unsure ? "Unsure guess by" : "Suggested by"}</Text>
          <SuggestionBadge suggestion={suggestion} />
        </>
      ) : paused ? (
        <Text color="fg.muted">
          Suggestions resume in a moment. Choose below, or leave it to the server.
        </Text>
      ) : error ? (
        <Text color="fg.warning">
          No suggestion right now. Choose below, or leave it to the server.
        </Text>
      ) : (
        <Text color="fg.muted">A suggestion appears once the description says a little more.</Text>
      )}
    </HStack>
  );
}
