import { Stack, Table, Text } from "@chakra-ui/react";
import { formatPercent } from "@/lib/format";
import type { ConfidenceScore } from "@/types/api";
import { bucketRange, formatRate } from "../report";
import { NumberCell, NumberHeader, ReportCaption, TableScroll } from "./table-scroll";

type ConfidenceScoresProps = { confidence: ConfidenceScore; empty: boolean };

/**
 * Whether the classifier's confidence means something: how often both labels were kept
 * above and below the threshold, and, per band of confidence, how often they were kept.
 */
export function ConfidenceScores({ confidence, empty }: ConfidenceScoresProps) {
  const groups = [
    {
      key: "above",
      name: `At or above ${formatPercent(confidence.threshold)}`,
      share: confidence.above,
    },
    { key: "below", name: "Below (unsure)", share: confidence.below },
    { key: "unknown", name: "Unknown", share: confidence.unknown },
  ];
  // Bands nobody's suggestion fell into say nothing: only those with tickets are listed.
  const buckets = confidence.reliability.filter((bucket) => bucket.tickets > 0);
  return (
    <Stack gap="4">
      <Text textStyle="sm" data-testid="confidence-threshold">
        Suggestions below{" "}
        <Text as="span" fontWeight="semibold">
          {formatPercent(confidence.threshold)}
        </Text>{" "}
        confidence are unsure: the form asks the person to choose, and the ticket waits in Triage
        until an agent confirms its labels.
      </Text>
      {empty ? (
        <Text textStyle="sm" color="fg.muted">
          Nothing to compare yet: no ticket with a suggestion has confirmed labels.
        </Text>
      ) : (
        <>
          <TableScroll
            label="Accuracy by confidence"
            note="Both labels kept, by how sure the classifier said it was."
          >
            <Table.Root size="sm" data-testid="confidence-groups">
              <ReportCaption>Accuracy by confidence</ReportCaption>
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeader scope="col">Confidence</Table.ColumnHeader>
                  <NumberHeader>Tickets</NumberHeader>
                  <NumberHeader>Both kept</NumberHeader>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {groups.map((group) => (
                  <Table.Row key={group.key}>
                    <Table.Cell as="th" scope="row" fontWeight="normal">
                      {group.name}
                    </Table.Cell>
                    <NumberCell>{group.share.tickets}</NumberCell>
                    <NumberCell>{formatRate(group.share.accuracy)}</NumberCell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table.Root>
          </TableScroll>
          <TableScroll
            label="Reliability"
            note="A well-calibrated classifier is right about as often as it says it is sure."
          >
            <Table.Root size="sm" data-testid="reliability">
              <ReportCaption>Reliability</ReportCaption>
              <Table.Header>
                <Table.Row>
                  <Table.ColumnHeader scope="col">Confidence band</Table.ColumnHeader>
                  <NumberHeader>Tickets</NumberHeader>
                  <NumberHeader>Mean confidence</NumberHeader>
                  <NumberHeader>Observed accuracy</NumberHeader>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {buckets.length === 0 ? (
                  <Table.Row>
                    <Table.Cell colSpan={4} color="fg.muted">
                      No suggestion with a known confidence yet.
                    </Table.Cell>
                  </Table.Row>
                ) : (
                  buckets.map((bucket) => (
                    <Table.Row key={bucket.low}>
                      <Table.Cell as="th" scope="row" fontWeight="normal">
                        {bucketRange(bucket.low, bucket.high)}
                      </Table.Cell>
                      <NumberCell>{bucket.tickets}</NumberCell>
                      <NumberCell>{formatRate(bucket.mean_confidence)}</NumberCell>
                      <NumberCell>{formatRate(bucket.accuracy)}</NumberCell>
                    </Table.Row>
                  ))
                )}
              </Table.Body>
            </Table.Root>
          </TableScroll>
        </>
      )}
    </Stack>
  );
}
