import { Card, Heading, SimpleGrid, Skeleton, Stack, Text } from "@chakra-ui/react";
import type { ReactNode } from "react";
import { LoadError } from "@/components/ui/load-error";
import type { ScoredBackend } from "@/types/api";
import { useClassifierReport } from "../api/get-classifier-report";
import { BackendScores } from "./backend-scores";
import { ConfidenceScores } from "./confidence-scores";
import { LabelScores } from "./label-scores";
import { LearnedModelCard } from "./learned-model-card";
import { WeeklyAgreement } from "./weekly-agreement";

/**
 * How often agents kept the classifier's labels, measured on tickets whose labels an
 * agent confirmed: per classifier, per label, per week and per level of confidence.
 */
type AccuracyReportProps = {
  /** The classifier whose labels are detailed ("all": every one together). */
  backend: ScoredBackend;
  onBackendChange: (backend: ScoredBackend) => void;
};

export function AccuracyReport({ backend, onBackendChange }: AccuracyReportProps) {
  const { data, isPending, isError, error, refetch, isRefetching } = useClassifierReport();

  if (isPending) {
    return (
      <Stack gap="4" aria-busy="true" aria-label="Loading the accuracy report">
        <Skeleton height="32" />
        <Skeleton height="48" />
      </Stack>
    );
  }
  if (isError) {
    return (
      <LoadError
        title="The accuracy report could not be loaded"
        error={error}
        retrying={isRefetching}
        onRetry={() => refetch()}
      />
    );
  }

  const empty = data.confirmed_tickets === 0;
  return (
    <Stack gap={{ base: "4", md: "6" }}>
      <SimpleGrid columns={{ base: 1, lg: 2 }} gap={{ base: "4", md: "6" }}>
        <LearnedModelCard model={data.learned_model} />
        <Section id="accuracy-overall" title="By classifier">
          {empty ? (
            <EmptyNote />
          ) : (
            <BackendScores overall={data.overall} backends={data.backends} />
          )}
        </Section>
      </SimpleGrid>
      {!empty && (
        <Section id="accuracy-labels" title="By label">
          <LabelScores
            overall={data.overall}
            backends={data.backends}
            chosen={backend}
            onChoose={onBackendChange}
          />
        </Section>
      )}
      <SimpleGrid columns={{ base: 1, lg: 2 }} gap={{ base: "4", md: "6" }}>
        <Section id="accuracy-weekly" title="Agreement by week">
          {empty ? (
            <Text textStyle="sm" color="fg.muted">
              Each week’s agreement shows here once tickets have confirmed labels.
            </Text>
          ) : (
            <WeeklyAgreement weeks={data.weekly} />
          )}
        </Section>
        <Section id="accuracy-confidence" title="Confidence">
          <ConfidenceScores confidence={data.confidence} empty={empty} />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card.Root as="section" size="sm" aria-labelledby={id} minW="0">
      <Card.Header>
        <Heading as="h2" size="md" id={id}>
          {title}
        </Heading>
      </Card.Header>
      <Card.Body minW="0">{children}</Card.Body>
    </Card.Root>
  );
}

function EmptyNote() {
  return (
    <Text textStyle="sm" color="fg.muted" data-testid="accuracy-empty">
      No confirmed tickets yet. Labels count once an agent sets or keeps them (“Labels are right” on
      a ticket), files a ticket with both, or resolves it; accuracy is measured on those tickets
      only.
    </Text>
  );
}
