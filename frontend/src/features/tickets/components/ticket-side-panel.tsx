import { Button, Card, Heading, SimpleGrid, Stack } from "@chakra-ui/react";
import { SelectField } from "@/components/ui/select-field";
import { CATEGORY_OPTIONS, PRIORITY_OPTIONS, STATUS_OPTIONS } from "@/config/ticket-fields";
import type { Me, TicketChanges, TicketPerson, TicketWithExamples } from "@/types/api";
import { useAssignablePeople } from "../api/get-assignable-people";
import { useUpdateTicket } from "../api/update-ticket";
import { AiSuggestion } from "./ai-suggestion";

/** Agents' controls: status, priority, category and who owns the ticket. */
export function TicketSidePanel({ ticket, me }: { ticket: TicketWithExamples; me: Me }) {
  const update = useUpdateTicket();
  const people = useAssignablePeople();
  const change = (changes: TicketChanges, assignee?: TicketPerson | null) =>
    update.mutate({ id: ticket.id, changes, assignee });

  // Someone deactivated since is no longer listed, but still owns the ticket.
  const choices = [...(people.data ?? [])];
  if (ticket.assignee && !choices.some((p) => p.id === ticket.assignee?.id)) {
    choices.push(ticket.assignee);
  }
  const assign = (id: number | null) =>
    change({ assignee: id }, id === null ? null : choices.find((p) => p.id === id));
  const mine = ticket.assignee?.id === me.id;

  return (
    <Card.Root as="aside" size="sm" aria-labelledby="ticket-panel-heading">
      <Card.Header>
        <Heading as="h2" size="md" id="ticket-panel-heading">
          Details
        </Heading>
      </Card.Header>
      <Card.Body>
        <SimpleGrid columns={{ base: 2, lg: 1 }} columnGap="3" rowGap="4">
          <Stack gap="2" gridColumn={{ base: "span 2", lg: "auto" }}>
            <SelectField
              label="Assignee"
              name="assignee"
              size="sm"
              value={ticket.assignee ? String(ticket.assignee.id) : ""}
              placeholder="Nobody"
              loading={people.isPending}
              options={choices.map((p) => ({ value: String(p.id), label: p.name }))}
              errorText={people.isError ? "The agents could not be loaded" : undefined}
              onChange={(value) => assign(value ? Number(value) : null)}
            />
            {/* aria-disabled rather than disabled: the button keeps the focus it was clicked with. */}
            <Button
              size="xs"
              variant="outline"
              alignSelf="start"
              aria-disabled={mine}
              onClick={() => {
                if (!mine) {
                  change({ assignee: me.id }, { id: me.id, name: me.name, email: me.email });
                }
              }}
            >
              {mine ? "Assigned to you" : "Assign to me"}
            </Button>
          </Stack>
          <SelectField
            label="Status"
            name="status"
            size="sm"
            value={ticket.status}
            options={STATUS_OPTIONS}
            onChange={(status) => change({ status })}
          />
          <SelectField
            label="Priority"
            name="priority"
            size="sm"
            value={ticket.priority}
            options={PRIORITY_OPTIONS}
            onChange={(priority) => change({ priority })}
          />
          <SelectField
            label="Category"
            name="category"
            size="sm"
            value={ticket.category}
            options={CATEGORY_OPTIONS}
            onChange={(category) => change({ category })}
          />
          <Stack gridColumn={{ base: "span 2", lg: "auto" }}>
            <AiSuggestion ticket={ticket} me={me} />
          </Stack>
        </SimpleGrid>
      </Card.Body>
    </Card.Root>
  );
}
