import { Button, HStack, Icon, Stack, Text } from "@chakra-ui/react";
import { BadgeCheck } from "lucide-react";
import { formatExactTime } from "@/lib/format";
import { useNow } from "@/lib/use-now";
import type { Me, Ticket } from "@/types/api";
import { useUpdateTicket } from "../api/update-ticket";
import { confirmationText, mayConfirmLabels } from "../suggestion-outcome";

/**
 * Whether an agent has said the labels are right, and the button to say so: it sends the
 * current category and priority unchanged, which the API records as a confirmation (and
 * which takes the ticket out of triage).
 */
export function LabelConfirmation({ ticket, me }: { ticket: Ticket; me: Me }) {
  const update = useUpdateTicket();
  const now = useNow();
  const isAgent = me.role !== "requester";
  const confirm = () =>
    update.mutate({
      id: ticket.id,
      changes: { category: ticket.category, priority: ticket.priority },
      consequences: {
        labels_confirmed_at: new Date().toISOString(),
        labels_confirmed_by: { id: me.id, name: me.name, email: me.email },
        needs_triage: false,
      },
    });

  return (
    <Stack gap="1.5" data-testid="label-confirmation">
      <HStack gap="1.5" color={ticket.labels_confirmed_at ? "fg" : "fg.muted"} textStyle="xs">
        {ticket.labels_confirmed_at && (
          <Icon size="xs" color="green.fg" aria-hidden>
            <BadgeCheck />
          </Icon>
        )}
        <Text
          title={
            ticket.labels_confirmed_at ? formatExactTime(ticket.labels_confirmed_at) : undefined
          }
        >
          {confirmationText(ticket, me.id, now)}
        </Text>
      </HStack>
      {isAgent && mayConfirmLabels(ticket) && (
        <Button
          size="xs"
          variant="outline"
          colorPalette="teal"
          alignSelf="start"
          loading={update.isPending}
          loadingText="Confirming"
          onClick={confirm}
        >
          Labels are right
        </Button>
      )}
    </Stack>
  );
}
