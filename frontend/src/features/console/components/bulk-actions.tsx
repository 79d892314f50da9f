import { Button, HStack, Menu, Portal, Text } from "@chakra-ui/react";
import { ChevronDown, UserRound, X } from "lucide-react";
import { STATUS_OPTIONS } from "@/config/ticket-fields";
import { type Me, STATUSES, type Status, type TicketPerson } from "@/types/api";

export type BulkChange = { status: Status } | { assignee: number | null };

type BulkActionsProps = {
  count: number;
  me: Me;
  people: readonly TicketPerson[];
  pending: boolean;
  onApply: (change: BulkChange) => void;
  onClear: () => void;
};

const NOBODY = "nobody";

/** What can be done to every selected ticket at once. */
export function BulkActions({ count, me, people, pending, onApply, onClear }: BulkActionsProps) {
  const others = people.filter((person) => person.id !== me.id);
  return (
    <HStack gap="2" wrap="wrap" role="toolbar" aria-label="Selected tickets">
      <Text textStyle="sm" fontWeight="semibold" aria-live="polite">
        {count} selected
      </Text>
      <Menu.Root
        onSelect={({ value }) => {
          const status = STATUSES.find((choice) => choice === value);
          if (status) {
            onApply({ status });
          }
        }}
      >
        <Menu.Trigger asChild>
          <Button size="xs" variant="outline" disabled={pending}>
            Set status <ChevronDown />
          </Button>
        </Menu.Trigger>
        <Portal>
          <Menu.Positioner>
            <Menu.Content>
              {STATUS_OPTIONS.map((option) => (
                <Menu.Item key={option.value} value={option.value}>
                  {option.label}
                </Menu.Item>
              ))}
            </Menu.Content>
          </Menu.Positioner>
        </Portal>
      </Menu.Root>
      <Menu.Root
        onSelect={({ value }) => onApply({ assignee: value === NOBODY ? null : Number(value) })}
      >
        <Menu.Trigger asChild>
          <Button size="xs" variant="outline" disabled={pending}>
            Assign to <ChevronDown />
          </Button>
        </Menu.Trigger>
        <Portal>
          <Menu.Positioner>
            <Menu.Content maxH="80" overflowY="auto">
              <Menu.Item value={String(me.id)}>
                <UserRound aria-hidden /> Me ({me.name})
              </Menu.Item>
              {others.length > 0 && <Menu.Separator />}
              {others.map((person) => (
                <Menu.Item key={person.id} value={String(person.id)}>
                  {person.name}
                </Menu.Item>
              ))}
              <Menu.Separator />
              <Menu.Item value={NOBODY}>Nobody</Menu.Item>
            </Menu.Content>
          </Menu.Positioner>
        </Portal>
      </Menu.Root>
      <Button size="xs" variant="ghost" onClick={onClear} disabled={pending}>
        <X /> Clear selection
      </Button>
    </HStack>
  );
}
