import { Box, Heading, SimpleGrid, Stack, Table } from "@chakra-ui/react";
import { SelectField } from "@/components/ui/select-field";
import type { BackendScore, FieldScore, ScoredBackend } from "@/types/api";
import {
  backendName,
  FIELD_CHOICES,
  FIELD_NAMES,
  formatRate,
  labelName,
  type ScoredField,
} from "../report";
import { ConfusionMatrix } from "./confusion-matrix";
import { NumberCell, NumberHeader, ReportCaption, TableScroll } from "./table-scroll";

type LabelScoresProps = {
  overall: BackendScore;
  backends: readonly BackendScore[];
  chosen: ScoredBackend;
  onChoose: (backend: ScoredBackend) => void;
};

/**
 * Precision and recall of every label, and which labels are mistaken for which, for one
 * classifier at a time (all of them together at first).
 */
export function LabelScores({ overall, backends, chosen, onChoose }: LabelScoresProps) {
  const scores = [overall, ...backends];
  // A classifier that has no confirmed tickets (any more) shows all of them instead.
  const score = scores.find((s) => s.backend === chosen) ?? overall;

  return (
    <Stack gap="5">
      <Box maxW="xs">
        <SelectField
          label="Classifier"
          name="backend"
          size="sm"
          value={score.backend}
          options={scores.map((s) => ({
            value: s.backend,
            label: `${backendName(s.backend)} (${s.tickets})`,
          }))}
          onChange={onChoose}
        />
      </Box>
      {(["category", "priority"] as const).map((field) => (
        <Stack key={field} gap="3" as="section" aria-labelledby={`label-scores-${field}`}>
          <Heading as="h3" size="sm" id={`label-scores-${field}`}>
            {FIELD_NAMES[field]}: {formatRate(score[field].accuracy)} kept
          </Heading>
          <SimpleGrid columns={{ base: 1, xl: 2 }} gap="4" alignItems="start">
            <LabelTable field={field} score={score[field]} backend={score.backend} />
            <ConfusionMatrix
              field={field}
              labels={FIELD_CHOICES[field]}
              matrix={score[field].confusion}
              backend={score.backend}
            />
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}

type LabelTableProps = { field: ScoredField; score: FieldScore; backend: ScoredBackend };

function LabelTable({ field, score, backend }: LabelTableProps) {
  const caption = `${FIELD_NAMES[field]} labels, ${backendName(backend).toLowerCase()}`;
  return (
    <TableScroll
      label={caption}
      note="Precision: share of its suggestions agents kept. Recall: share of the tickets carrying it that it was suggested for."
    >
      <Table.Root size="sm" data-testid={`label-table-${field}`}>
        <ReportCaption>{caption}</ReportCaption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader scope="col">Label</Table.ColumnHeader>
            <NumberHeader>Suggested</NumberHeader>
            <NumberHeader>Confirmed</NumberHeader>
            <NumberHeader>Precision</NumberHeader>
            <NumberHeader>Recall</NumberHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {score.labels.map((label) => (
            <Table.Row key={label.label}>
              <Table.Cell as="th" scope="row" fontWeight="medium">
                {labelName(label.label)}
              </Table.Cell>
              <NumberCell>{label.suggested}</NumberCell>
              <NumberCell>{label.confirmed}</NumberCell>
              <NumberCell>{formatRate(label.precision)}</NumberCell>
              <NumberCell>{formatRate(label.recall)}</NumberCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </TableScroll>
  );
}
