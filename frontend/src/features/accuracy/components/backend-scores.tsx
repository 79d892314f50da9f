import { Table } from "@chakra-ui/react";
import type { BackendScore } from "@/types/api";
import { backendName, formatRate } from "../report";
import { ReportCaption, TableScroll } from "./table-scroll";

/** Every classifier that suggested for a confirmed ticket, and all of them together. */
export function BackendScores({
  overall,
  backends,
}: {
  overall: BackendScore;
  backends: readonly BackendScore[];
}) {
  return (
    <TableScroll
      label="Accuracy by classifier"
      note="Share of confirmed tickets whose suggested labels agents kept."
    >
      <Table.Root size="sm" data-testid="backend-scores">
        <ReportCaption>Accuracy by classifier</ReportCaption>
        <Table.Header>
          <Table.Row>
            <Table.ColumnHeader scope="col">Classifier</Table.ColumnHeader>
            <Table.ColumnHeader scope="col" textAlign="end">
              Tickets
            </Table.ColumnHeader>
            <Table.ColumnHeader scope="col" textAlign="end">
              Category
            </Table.ColumnHeader>
            <Table.ColumnHeader scope="col" textAlign="end">
              Priority
            </Table.ColumnHeader>
            <Table.ColumnHeader scope="col" textAlign="end">
              Both
            </Table.ColumnHeader>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {[overall, ...backends].map((score) => (
            <Table.Row
              key={score.backend}
              fontWeight={score.backend === "all" ? "semibold" : undefined}
            >
              <Table.Cell as="th" scope="row" fontWeight="inherit">
                {backendName(score.backend)}
              </Table.Cell>
              <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
                {score.tickets}
              </Table.Cell>
              <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
                {formatRate(score.category.accuracy)}
              </Table.Cell>
              <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
                {formatRate(score.priority.accuracy)}
              </Table.Cell>
              <Table.Cell textAlign="end" fontVariantNumeric="tabular-nums">
                {formatRate(score.both_accuracy)}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </TableScroll>
  );
}
