import { Box, Link, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { CATEGORY_LABELS, PRIORITY_LABELS } from "@/config/ticket-fields";
import type { SuggestionExample } from "@/types/api";

/** The confirmed tickets a language model was shown as worked examples for this one. */
export function SuggestionExamples({ examples }: { examples: readonly SuggestionExample[] }) {
  if (examples.length === 0) {
    return null;
  }
  return (
    <Box as="section" aria-labelledby="suggestion-examples-heading" data-testid="ai-examples">
      <Text as="h4" id="suggestion-examples-heading" textStyle="xs" color="fg.muted" mb="1">
        Based on these confirmed tickets
      </Text>
      <Box as="ul" listStyleType="none" display="grid" gap="1">
        {examples.map((example) => (
          <li key={example.id}>
            <Link asChild colorPalette="teal" textStyle="xs">
              <RouterLink to="/tickets/$ticketId" params={{ ticketId: String(example.id) }}>
                #{example.id} {example.title}
              </RouterLink>
            </Link>
            <Text textStyle="xs" color="fg.muted">
              {CATEGORY_LABELS[example.category]} · {PRIORITY_LABELS[example.priority]}
            </Text>
          </li>
        ))}
      </Box>
    </Box>
  );
}
