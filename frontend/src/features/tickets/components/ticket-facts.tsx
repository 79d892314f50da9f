import { Badge, DataList, Stack, Text } from "@chakra-ui/react";
import { CATEGORY_LABELS, CLASSIFIER_LABELS, PRIORITY_LABELS } from "@/config/ticket-fields";
import { formatExactTime } from "@/lib/format";
import type { Ticket } from "@/types/api";

/** Who asked, who owns it, and when: the same for every role. */
export function TicketFacts({ ticket }: { ticket: Ticket }) {
  return (
    <DataList.Root orientation="horizontal" size="sm" gap="2">
      <DataList.Item>
        <DataList.ItemLabel>Requester</DataList.ItemLabel>
        <DataList.ItemValue title={ticket.requester.email}>
          {ticket.requester.name}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Assignee</DataList.ItemLabel>
        <DataList.ItemValue data-testid="ticket-assignee">
          {ticket.assignee ? ticket.assignee.name : <Text color="fg.muted">Nobody yet</Text>}
        </DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Created</DataList.ItemLabel>
        <DataList.ItemValue>{formatExactTime(ticket.created_at)}</DataList.ItemValue>
      </DataList.Item>
      <DataList.Item>
        <DataList.ItemLabel>Last change</DataList.ItemLabel>
        <DataList.ItemValue>{formatExactTime(ticket.updated_at)}</DataList.ItemValue>
      </DataList.Item>
    </DataList.Root>
  );
}

/** What the classifier suggested, and whether people kept it. */
export function SuggestionSummary({ ticket }: { ticket: Ticket }) {
  const { suggested_category: category, suggested_priority: priority } = ticket;
  if (!category && !priority) {
    return <Text color="fg.muted">None recorded</Text>;
  }
  const accepted = category === ticket.category && priority === ticket.priority;
  return (
    <Stack gap="1">
      <Text>
        {[category && CATEGORY_LABELS[category], priority && PRIORITY_LABELS[priority]]
          .filter(Boolean)
          .join(" · ")}
        {ticket.classified_by && (
          <Text as="span" color="fg.muted">
            {" "}
            by {CLASSIFIER_LABELS[ticket.classified_by]}
          </Text>
        )}
      </Text>
      <Badge alignSelf="start" size="sm" colorPalette={accepted ? "green" : "orange"}>
        {accepted ? "Accepted as suggested" : "Changed by a person"}
      </Badge>
    </Stack>
  );
}
