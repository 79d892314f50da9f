import { Badge, Box, HStack, Icon, Stack, Text } from "@chakra-ui/react";
import { Bot, Brain, Check, CircleHelp, Cloud, ListChecks, PenLine, Sparkles } from "lucide-react";
import { Fact } from "@/components/ui/fact";
import { CLASSIFIER_LABELS } from "@/config/ticket-fields";
import { formatPercent } from "@/lib/format";
import type { Classifier, Me, TicketWithExamples } from "@/types/api";
import { useTicketHistory } from "../api/get-ticket-history";
import { type LabelOutcome, labelOutcomes } from "../suggestion-outcome";
import { describeValue } from "../timeline";
import { ClassifyingStatus } from "./classifying-status";
import { LabelConfirmation } from "./label-confirmation";
import { SuggestionExamples } from "./suggestion-examples";

const BACKEND_ICONS = { ollama: Bot, cloud: Cloud, learned: Brain, rules: ListChecks } as const;

const FIELD_LABELS = { category: "Category", priority: "Priority" } as const;

/**
 * What the classifier did with this ticket: which backend and model answered, how sure it
 * was, what it suggested, whether people kept each label, whether an agent has confirmed
 * them, and the confirmed tickets a language model was shown as examples.
 */
export function AiSuggestion({ ticket, me }: { ticket: TicketWithExamples; me: Me }) {
  const history = useTicketHistory(ticket.id, { enabled: true });
  const outcomes = labelOutcomes(ticket, history.data);
  const backend = ticket.classified_by;

  return (
    <Stack gap="2" textStyle="sm" data-testid="ai-suggestion">
      <HStack gap="1.5" wrap="wrap">
        <Icon size="sm" color="teal.fg" aria-hidden>
          <Sparkles />
        </Icon>
        <Text as="h3" fontWeight="medium">
          AI suggestion
        </Text>
        {ticket.needs_triage && (
          <Badge size="sm" variant="surface" colorPalette="orange" data-testid="ai-needs-triage">
            <CircleHelp size={12} aria-hidden />
            Needs triage
          </Badge>
        )}
        <ClassifyingStatus ticket={ticket} />
      </HStack>
      {backend === null || outcomes.length === 0 ? (
        <Text color="fg.muted">No suggestion was recorded for this ticket.</Text>
      ) : (
        <>
          <Text color="fg.muted">
            Suggested by <BackendBadge backend={backend} />
          </Text>
          <Provenance ticket={ticket} />
          <Stack as="ul" gap="2" listStyleType="none">
            {outcomes.map((outcome) => (
              <OutcomeRow key={outcome.field} outcome={outcome} />
            ))}
          </Stack>
          <LabelConfirmation ticket={ticket} me={me} />
          <SuggestionExamples examples={ticket.suggestion_examples ?? []} />
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

/** Model, prompt and confidence as a compact list of terms; absent facts are left out. */
function Provenance({ ticket }: { ticket: TicketWithExamples }) {
  return (
    <Box
      as="dl"
      display="grid"
      gridTemplateColumns="auto minmax(0, 1fr)"
      columnGap="3"
      rowGap="0.5"
      textStyle="xs"
      data-testid="ai-provenance"
    >
      {ticket.classifier_model && <Fact term="Model">{ticket.classifier_model}</Fact>}
      {ticket.prompt_version && <Fact term="Prompt">{ticket.prompt_version}</Fact>}
      <Fact term="Confidence">
        {ticket.confidence === null ? (
          <Text as="span" color="fg.muted">
            unknown
          </Text>
        ) : (
          <HStack as="span" gap="1.5">
            <span>{formatPercent(ticket.confidence)}</span>
            {ticket.unsure && (
              <Badge size="xs" variant="surface" colorPalette="orange">
                unsure
              </Badge>
            )}
          </HStack>
        )}
      </Fact>
    </Box>
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
