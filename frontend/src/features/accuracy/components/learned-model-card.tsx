import { Badge, Box, Card, Heading, HStack, Text } from "@chakra-ui/react";
import { Brain } from "lucide-react";
import { Fact } from "@/components/ui/fact";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import type { LearnedModelState } from "@/types/api";
import { formatRate, learnedModelStatus, ticketCount } from "../report";

/** The model trained on this desk's confirmed tickets: which version, how good, how ready. */
export function LearnedModelCard({ model }: { model: LearnedModelState }) {
  const status = learnedModelStatus(model);
  return (
    <Card.Root as="section" size="sm" aria-labelledby="learned-model-heading" minW="0">
      <Card.Header>
        <HStack justify="space-between" gap="2" wrap="wrap">
          <Heading as="h2" size="md" id="learned-model-heading">
            <HStack as="span" gap="2">
              <Brain size={16} aria-hidden />
              Learned model
            </HStack>
          </Heading>
          <Badge
            variant="surface"
            colorPalette={status.answering ? "green" : "gray"}
            data-testid="learned-model-status"
          >
            {status.text}
          </Badge>
        </HStack>
      </Card.Header>
      <Card.Body>
        <Box
          as="dl"
          display="grid"
          gridTemplateColumns="auto minmax(0, 1fr)"
          columnGap="4"
          rowGap="1.5"
          textStyle="sm"
        >
          <Fact term="Version">
            {model.version === null ? "Not trained yet" : `v${model.version}`}
          </Fact>
          {model.trained_at && (
            <Fact term="Trained">
              <time dateTime={model.trained_at} title={formatExactTime(model.trained_at)}>
                {formatRelativeTime(model.trained_at)}
              </time>
              {model.seconds !== undefined && ` in ${model.seconds.toFixed(1)} s`}
            </Fact>
          )}
          {model.team_tickets !== undefined && (
            <Fact term="Learned from">
              {ticketCount(model.team_tickets)} of this team
              {model.prior_tickets ? ` + ${model.prior_tickets} prior examples` : ""}
            </Fact>
          )}
          {model.holdout && (
            <Fact term="Held-out accuracy">
              {model.holdout.tickets === 0
                ? "no tickets held out yet"
                : `category ${formatRate(model.holdout.category)} · priority ${formatRate(model.holdout.priority)} on ${ticketCount(model.holdout.tickets)}`}
            </Fact>
          )}
          <Fact term="Answers from">{ticketCount(model.min_tickets)} confirmed</Fact>
          <Fact term="Retraining">
            {model.new_confirmations} new{" "}
            {model.new_confirmations === 1 ? "confirmation" : "confirmations"} · retrains every{" "}
            {model.retrain_every}
          </Fact>
        </Box>
        {model.version === null && (
          <Text textStyle="xs" color="fg.muted" mt="3">
            It trains itself once agents have confirmed enough tickets; until then the language
            model or the keyword rules suggest.
          </Text>
        )}
      </Card.Body>
    </Card.Root>
  );
}
