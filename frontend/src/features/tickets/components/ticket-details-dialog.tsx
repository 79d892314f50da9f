import {
  Alert,
  Badge,
  Button,
  CloseButton,
  DataList,
  Dialog,
  HStack,
  Portal,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  useBreakpointValue,
} from "@chakra-ui/react";
import { SelectField } from "@/components/ui/select-field";
import {
  CATEGORY_LABELS,
  CATEGORY_OPTIONS,
  CLASSIFIER_LABELS,
  PRIORITY_LABELS,
  PRIORITY_OPTIONS,
  STATUS_OPTIONS,
} from "@/config/ticket-fields";
import { formatExactTime } from "@/lib/format";
import type { Category, Priority, Status, Ticket } from "@/types/api";
import { useTicket } from "../api/get-ticket";
import { type TicketChanges, useUpdateTicket } from "../api/update-ticket";
import { CategoryBadge, PriorityBadge, StatusBadge } from "./ticket-badges";

type TicketDetailsDialogProps = {
  ticketId: number | null;
  onClose: () => void;
  canTriage?: boolean;
};

export function TicketDetailsDialog({
  ticketId,
  onClose,
  canTriage = true,
}: TicketDetailsDialogProps) {
  // Dialog sizes are recipe variants, which do not take responsive objects reliably.
  const size = useBreakpointValue({ base: "full", md: "lg" } as const) ?? "lg";
  return (
    <Dialog.Root
      open={ticketId !== null}
      onOpenChange={(details) => {
        if (!details.open) {
          onClose();
        }
      }}
      size={size}
      placement="center"
      scrollBehavior="inside"
    >
      <Portal>
        <Dialog.Backdrop />
        <Dialog.Positioner>
          <Dialog.Content>
            {ticketId !== null && <TicketDetails id={ticketId} canTriage={canTriage} />}
            <Dialog.CloseTrigger asChild>
              <CloseButton size="sm" aria-label="Close ticket details" />
            </Dialog.CloseTrigger>
          </Dialog.Content>
        </Dialog.Positioner>
      </Portal>
    </Dialog.Root>
  );
}

function TicketDetails({ id, canTriage }: { id: number; canTriage: boolean }) {
  const { data: ticket, isPending, isError, error, refetch } = useTicket(id);
  const update = useUpdateTicket();
  const change = (changes: TicketChanges) => update.mutate({ id, changes });

  if (isPending) {
    return (
      <>
        <Dialog.Header>
          <Dialog.Title>Ticket #{id}</Dialog.Title>
        </Dialog.Header>
        <Dialog.Body>
          <Stack gap="3" aria-busy="true" aria-label="Loading ticket">
            <Skeleton height="6" />
            <Skeleton height="24" />
            <Skeleton height="10" />
          </Stack>
        </Dialog.Body>
      </>
    );
  }

  if (isError) {
    return (
      <>
        <Dialog.Header>
          <Dialog.Title>Ticket #{id}</Dialog.Title>
        </Dialog.Header>
        <Dialog.Body>
          <Alert.Root status="error">
            <Alert.Indicator />
            <Alert.Content>
              <Alert.Title>This ticket could not be loaded</Alert.Title>
              <Alert.Description>{error.message}</Alert.Description>
            </Alert.Content>
            <Button size="sm" variant="outline" onClick={() => refetch()}>
              Retry
            </Button>
          </Alert.Root>
        </Dialog.Body>
      </>
    );
  }

  return (
    <>
      <Dialog.Header flexDirection="column" alignItems="start" gap="2" pe="12">
        <Text textStyle="xs" color="fg.muted">
          Ticket #{ticket.id}
        </Text>
        <Dialog.Title wordBreak="break-word">{ticket.title}</Dialog.Title>
        <HStack gap="2" wrap="wrap">
          <PriorityBadge priority={ticket.priority} />
          <CategoryBadge category={ticket.category} />
          <StatusBadge status={ticket.status} />
        </HStack>
      </Dialog.Header>
      <Dialog.Body>
        <Stack gap="6">
          <Text whiteSpace="pre-wrap" wordBreak="break-word">
            {ticket.description}
          </Text>
          {canTriage && (
            <SimpleGrid columns={{ base: 1, sm: 3 }} gap="3">
              <SelectField
                label="Status"
                name="status"
                value={ticket.status}
                options={STATUS_OPTIONS}
                onChange={(value) => change({ status: value as Status })}
              />
              <SelectField
                label="Category"
                name="category"
                value={ticket.category}
                options={CATEGORY_OPTIONS}
                onChange={(value) => change({ category: value as Category })}
              />
              <SelectField
                label="Priority"
                name="priority"
                value={ticket.priority}
                options={PRIORITY_OPTIONS}
                onChange={(value) => change({ priority: value as Priority })}
              />
            </SimpleGrid>
          )}
          <TicketFacts ticket={ticket} showSuggestion={canTriage} />
        </Stack>
      </Dialog.Body>
      <Dialog.Footer>
        <Dialog.ActionTrigger asChild>
          <Button variant="outline">Close</Button>
        </Dialog.ActionTrigger>
      </Dialog.Footer>
    </>
  );
}

function TicketFacts({ ticket, showSuggestion }: { ticket: Ticket; showSuggestion: boolean }) {
  return (
    <DataList.Root orientation="horizontal" size="sm">
      {ticket.requester && (
        <DataList.Item>
          <DataList.ItemLabel>Requester</DataList.ItemLabel>
          <DataList.ItemValue>
            {ticket.requester.name} ({ticket.requester.email})
          </DataList.ItemValue>
        </DataList.Item>
      )}
      {showSuggestion && (
        <DataList.Item>
          <DataList.ItemLabel>AI suggestion</DataList.ItemLabel>
          <DataList.ItemValue>
            <SuggestionSummary ticket={ticket} />
          </DataList.ItemValue>
        </DataList.Item>
      )}
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

function SuggestionSummary({ ticket }: { ticket: Ticket }) {
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
