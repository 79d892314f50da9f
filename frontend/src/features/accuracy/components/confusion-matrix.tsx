import { Table } from "@chakra-ui/react";
import type { ScoredBackend } from "@/types/api";
import { backendName, cellShare, FIELD_NAMES, labelName, type ScoredField } from "../report";
import { ReportCaption, TableScroll } from "./table-scroll";

type ConfusionMatrixProps = {
  field: ScoredField;
  labels: readonly string[];
  /** Rows: the label agents confirmed; columns: the one suggested; both in `labels` order. */
  matrix: readonly (readonly number[])[];
  backend: ScoredBackend;
};

/** Strongest shading: enough to see at a glance, light enough for the number on it. */
const MAX_SHADE_PERCENT = 45;

/**
 * Which labels are mistaken for which, as a real table: the diagonal (kept) is shaded
 * teal, mistakes orange, each by its share of the row.
 */
export function ConfusionMatrix({ field, labels, matrix, backend }: ConfusionMatrixProps) {
  const caption = `${FIELD_NAMES[field]} confusion, ${backendName(backend).toLowerCase()}`;
  return (
    <TableScroll
      label={caption}
      note="Rows: the label agents confirmed. Columns: the one suggested. Shading: share of the row."
    >
      <Table.Root
        size="sm"
        variant="outline"
        tableLayout={{ base: "auto", md: "fixed" }}
        data-testid={`confusion-${field}`}
      >
        <ReportCaption>{caption}</ReportCaption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader scope="col" width="28" whiteSpace="normal" lineHeight="short">
              Confirmed ↓ suggested →
            </Table.ColumnHeader>
            {labels.map((label) => (
              <Table.ColumnHeader key={label} scope="col" textAlign="center">
                {labelName(label)}
              </Table.ColumnHeader>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {labels.map((rowLabel, row) => {
            const counts = matrix[row] ?? [];
            return (
              <Table.Row key={rowLabel}>
                <Table.Cell as="th" scope="row" fontWeight="medium">
                  {labelName(rowLabel)}
                </Table.Cell>
                {labels.map((columnLabel, column) => {
                  const count = counts[column] ?? 0;
                  const shade = Math.round(cellShare(count, counts) * MAX_SHADE_PERCENT);
                  const palette = row === column ? "teal" : "orange";
                  return (
                    <Table.Cell
                      key={columnLabel}
                      textAlign="center"
                      fontVariantNumeric="tabular-nums"
                      fontWeight={row === column ? "semibold" : undefined}
                      color={count === 0 ? "fg.muted" : "fg"}
                      style={{
                        background:
                          shade > 0
                            ? `color-mix(in srgb, var(--chakra-colors-${palette}-solid) ${shade}%, transparent)`
                            : undefined,
                      }}
                    >
                      {count}
                    </Table.Cell>
                  );
                })}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table.Root>
    </TableScroll>
  );
}
