import { Badge } from "@chakra-ui/react";
import { Bot, Cloud, ListChecks } from "lucide-react";
import { CLASSIFIER_LABELS } from "@/config/ticket-fields";
import type { Suggestion } from "@/types/api";

const ICONS = { ollama: Bot, cloud: Cloud, rules: ListChecks } as const;
const COLORS = { ollama: "teal", cloud: "blue", rules: "gray" } as const;

/** Says which classifier answered: "Local model · llama3.2:3b", "Cloud · …", "Keyword rules". */
export function suggestionSourceLabel(suggestion: Pick<Suggestion, "backend" | "model">): string {
  const name = CLASSIFIER_LABELS[suggestion.backend];
  return suggestion.backend !== "rules" && suggestion.model
    ? `${name} · ${suggestion.model}`
    : name;
}

export function SuggestionBadge({ suggestion }: { suggestion: Suggestion }) {
  const Icon = ICONS[suggestion.backend];
  return (
    <Badge
      colorPalette={COLORS[suggestion.backend]}
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
