import { Badge } from "@chakra-ui/react";
import { Bot, Brain, Cloud, ListChecks } from "lucide-react";
import { CLASSIFIER_LABELS } from "@/config/ticket-fields";
import { formatPercent } from "@/lib/format";
import type { Suggestion } from "@/types/api";

const ICONS = { ollama: Bot, cloud: Cloud, learned: Brain, rules: ListChecks } as const;
const COLORS = { ollama: "teal", cloud: "blue", learned: "purple", rules: "gray" } as const;

/**
 * Says which classifier answered and how sure it is: "Local model · llama3.2:3b · 91% sure",
 * "Keyword rules · 72% sure". A classifier that cannot tell its confidence says nothing
 * about it rather than a made-up number.
 */
export function suggestionSourceLabel(
  suggestion: Pick<Suggestion, "backend" | "model" | "confidence">,
): string {
  const parts: string[] = [CLASSIFIER_LABELS[suggestion.backend]];
  if (suggestion.backend !== "rules" && suggestion.model) {
    parts.push(suggestion.model);
  }
  if (suggestion.confidence !== null) {
    parts.push(`${formatPercent(suggestion.confidence)} sure`);
  }
  return parts.join(" · ");
}

export function SuggestionBadge({ suggestion }: { suggestion: Suggestion }) {
  const Icon = ICONS[suggestion.backend];
  return (
    <Badge
      colorPalette={suggestion.unsure ? "orange" : COLORS[suggestion.backend]}
      variant="surface"
      size="md"
      title={`Answered in ${suggestion.latency_ms} ms`}
      data-testid="suggestion-source"
    >
      <Icon size={12} aria-hidden />
      {suggestionSourceLabel(suggestion)}
    </Badge>
  );
}
