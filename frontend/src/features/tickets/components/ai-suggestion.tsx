import { Badge, HStack, Icon, Stack, Text } from "@chakra-ui/react";
import { Bot, Brain, Check, Cloud, ListChecks, PenLine, Sparkles } from "lucide-react";
import { CLASSIFIER_LABELS } from "@/config/ticket-fields";
import type { Classifier, Ticket } from "@/types/api";
import { useTicketHistory } from "../api/get-ticket-history";
import { type LabelOutcome, labelOutcomes } from "../suggestion-outcome";
import { describeValue } from "../timeline";

const BACKEND_ICONS = { ollama: Bot, cloud: Cloud, learned: Brain, rules: ListChecks } as const;

const FIELD_LABELS = { category: "Category", priority: "Priority" } as const;

/**
 * What the classifier did with this ticket: which backend answered, what it suggested,
 * and whether people kept each label or changed it.
 */
export function AiSuggestion({ ticket }: { ticket: Ticket }) {
  const history = useTicketHistory(ticket.id, { enabled: true });
  const outcomes = labelOutcomes(ticket, history.data);
  const backend = ticket.classified_by;

  return (
    <Stack gap="2" textStyle="sm" data-testid="ai-suggestion">
      <HStack gap="1.5">
        <Icon size="sm" color="teal.fg" aria-hidden>
          <Sparkles />
        </Icon>
        <Text as="h3" fontWeight="medium">
          AI suggestion
        </Text>
      </HStack>
      {backend === null || outcomes.length === 0 ? (
        <Text color="fg.muted">No suggestion was recorded for this ticket.</Text>
      ) : (
        <>
          <Text color="fg.muted">
            Suggested by <BackendBadge backend={backend} />
          </Text>
          <Stack as="ul" gap="2" listStyleType="none">
            {outcomes.map((outcome) => (
              <OutcomeRow key={outcome.field} outcome={outcome} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function BackendBadge({ backend }: { backend: Classifier }) {
  const BackendIcon = BACKEND_ICONS[backend];
  return (
    <Badge variant="surface" colorPalette="gray" data-testid="ai-backend">
      <BackendIcon size={12} aria-hidden />
      {CLASSIFIER_LABELS[backend]}
    </Badge>
  );
}

function OutcomeRow({ outcome }: { outcome: LabelOutcome }) {
  const { field, suggested, final, kept, by, whenFiled } = outcome;
  const who = by ? ` by ${by}${whenFiled ? " when filing" : ""}` : "";
  return (
    <li>
      <HStack justify="space-between" gap="2">
        <Text>
          {FIELD_LABELS[field]}:{" "}
          <Text as="span" fontWeight="medium">
            {describeValue(field, suggested)}
          </Text>
        </Text>
        <Badge size="sm" colorPalette={kept ? "green" : "orange"}>
          <Icon size="xs" aria-hidden>
            {kept ? <Check /> : <PenLine />}
          </Icon>
          {kept ? "Kept" : "Changed"}
        </Badge>
      </HStack>
      {(who || !kept) && (
        <Text textStyle="xs" color="fg.muted">
          {kept ? `Kept${who}` : `Changed to ${describeValue(field, final)}${who}`}
        </Text>
      )}
    </li>
  );
}
