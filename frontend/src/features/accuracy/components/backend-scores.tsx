import { Table } from "@chakra-ui/react";
import type { BackendScore } from "@/types/api";
import { backendName, formatRate } from "../report";
import { NumberCell, NumberHeader, ReportCaption, TableScroll } from "./table-scroll";

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
            <NumberHeader>Tickets</NumberHeader>
            <NumberHeader>Category</NumberHeader>
            <NumberHeader>Priority</NumberHeader>
            <NumberHeader>Both</NumberHeader>
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
              <NumberCell>{score.tickets}</NumberCell>
              <NumberCell>{formatRate(score.category.accuracy)}</NumberCell>
              <NumberCell>{formatRate(score.priority.accuracy)}</NumberCell>
              <NumberCell>{formatRate(score.both_accuracy)}</NumberCell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table.Root>
    </TableScroll>
  );
}
