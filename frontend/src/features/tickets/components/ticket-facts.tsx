import { DataList, Text } from "@chakra-ui/react";
import { formatExactTime } from "@/lib/format";
import type { Ticket } from "@/types/api";

/** Who asked, who owns it, and when: the same for every role. */
export function TicketFacts({ ticket }: { ticket: Ticket }) {
  return (
    <DataList.Root orientation="horizontal" size="sm" gap="2">
      <DataList.Item>
        <DataList.ItemLabel>Requester</DataList.ItemLabel>
        <DataList.ItemValue title={ticket.requester.email ?? undefined}>
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
