import { Badge, Box, Button, Checkbox, Link, Spinner, Table, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { ArrowDown, ArrowUp, ArrowUpDown, CircleHelp } from "lucide-react";
import type { Ref } from "react";
import {
  PRIORITY_COLORS,
  PRIORITY_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
} from "@/config/ticket-fields";
import { awaitsLanguageModel } from "@/lib/classifying";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import type { Ticket } from "@/types/api";
import { type ConsoleView, type SortColumn, sortDirection } from "../view";

type TicketTableProps = {
  /** The queue shown, which names the table. */
  label: string;
  /** Another view is loading: these rows are on their way out and cannot be selected. */
  busy: boolean;
  tickets: readonly Ticket[];
  view: ConsoleView;
  now: number;
  selected: ReadonlySet<number>;
  /** The ticket whose row takes the focus when the table is tabbed into. */
  activeId: number | undefined;
  bodyRef: Ref<HTMLTableSectionElement>;
  onSort: (column: SortColumn) => void;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onActivate: (id: number) => void;
};

// On a phone each row is two lines: what it is about, then its number and state.
const PHONE_ROW = {
  display: { base: "grid", md: "table-row" },
  gridTemplateColumns: "auto auto auto auto minmax(0, 1fr) auto",
  gridTemplateAreas: `"check subject subject subject subject updated" "check id priority status requester requester"`,
  columnGap: "2",
  rowGap: "1",
  alignItems: "center",
  px: { base: "2", md: "0" },
  py: { base: "2", md: "0" },
} as const;

// Cells keep the table's padding on wide screens and lose it (and their rules) in a row of two lines.
const cell = (area: string) =>
  ({
    display: { base: "block", md: "table-cell" },
    gridArea: area,
    p: { base: "0", md: "2" },
    borderBottomWidth: { base: "0", md: "1px" },
  }) as const;

/** The queue as a dense table: one line per ticket, sortable, selectable, keyboard-led. */
export function TicketTable({
  label,
  busy,
  tickets,
  view,
  now,
  selected,
  activeId,
  bodyRef,
  onSort,
  onToggle,
  onToggleAll,
  onActivate,
}: TicketTableProps) {
  const selectedHere = tickets.filter((ticket) => selected.has(ticket.id)).length;
  const allState =
    selectedHere === 0 ? false : selectedHere === tickets.length ? true : "indeterminate";

  return (
    <Table.Root
      size="sm"
      tableLayout={{ md: "fixed" }}
      display={{ base: "block", md: "table" }}
      aria-label={label}
      aria-busy={busy}
    >
      <Table.ColumnGroup hideBelow="md">
        <Table.Column width="10" />
        <Table.Column width="16" />
        <Table.Column width="24" />
        <Table.Column />
        <Table.Column width="36" />
        <Table.Column width="36" />
        <Table.Column width="28" />
        <Table.Column width="28" />
      </Table.ColumnGroup>
      <Table.Header hideBelow="md">
        <Table.Row>
          <Table.ColumnHeader>
            <Checkbox.Root
              size="sm"
              checked={allState}
              onCheckedChange={onToggleAll}
              disabled={busy || tickets.length === 0}
            >
              <Checkbox.HiddenInput />
              <Checkbox.Control />
              <Checkbox.Label srOnly>Select every ticket on this page</Checkbox.Label>
            </Checkbox.Root>
          </Table.ColumnHeader>
          <Table.ColumnHeader>#</Table.ColumnHeader>
          <SortHeader view={view} column="priority" label="Priority" onSort={onSort} />
          <SortHeader view={view} column="subject" label="Subject" onSort={onSort} />
          <SortHeader view={view} column="requester" label="Requester" onSort={onSort} />
          <SortHeader view={view} column="assignee" label="Assignee" onSort={onSort} />
          <SortHeader view={view} column="status" label="Status" onSort={onSort} />
          <SortHeader view={view} column="updated" label="Last update" onSort={onSort} />
        </Table.Row>
      </Table.Header>
      <Table.Body ref={bodyRef} display={{ base: "block", md: "table-row-group" }}>
        {tickets.map((ticket) => (
          <TicketRow
            key={ticket.id}
            ticket={ticket}
            now={now}
            active={ticket.id === activeId}
            selected={selected.has(ticket.id)}
            busy={busy}
            onToggle={() => onToggle(ticket.id)}
            onActivate={() => onActivate(ticket.id)}
          />
        ))}
      </Table.Body>
    </Table.Root>
  );
}

type SortHeaderProps = {
  view: ConsoleView;
  column: SortColumn;
  label: string;
  onSort: (column: SortColumn) => void;
};

function SortHeader({ view, column, label, onSort }: SortHeaderProps) {
  const direction = sortDirection(view, column);
  const Icon =
    direction === "ascending" ? ArrowUp : direction === "descending" ? ArrowDown : ArrowUpDown;
  return (
    <Table.ColumnHeader aria-sort={direction ?? "none"} px="1">
      <Button
        variant="ghost"
        size="xs"
        px="2"
        fontWeight="semibold"
        color={direction ? "fg" : "fg.muted"}
        onClick={() => onSort(column)}
      >
        {label}
        <Icon aria-hidden />
      </Button>
    </Table.ColumnHeader>
  );
}

/**
 * Its labels are the classifier's unsure guess and no agent has looked at them yet. Short
 * enough to sit beside a long title; the full sentence is there for screen readers.
 */
function TriageMarker() {
  return (
    <Badge
      size="xs"
      variant="surface"
      colorPalette="orange"
      flexShrink="0"
      title="Labels are an unsure guess: check the category and priority"
      data-testid="needs-triage"
    >
      <CircleHelp aria-hidden size={10} />
      <span aria-hidden>Triage</span>
      <Text as="span" srOnly>
        (needs triage: labels not confirmed)
      </Text>
    </Badge>
  );
}

/**
 * Filed a moment ago, and a language model is still being asked about it: the labels may
 * change within seconds. Beside the Triage marker, and as short.
 */
function ClassifyingMarker() {
  return (
    <Badge
      size="xs"
      variant="surface"
      colorPalette="teal"
      flexShrink="0"
      title="A language model is still suggesting labels: they may change in a moment"
      data-testid="classifying"
    >
      <Spinner size="inherit" borderWidth="1.5px" />
      <span aria-hidden>Classifying</span>
      <Text as="span" srOnly>
        (classifying: labels may still change)
      </Text>
    </Badge>
  );
}

type TicketRowProps = {
  ticket: Ticket;
  now: number;
  active: boolean;
  selected: boolean;
  busy: boolean;
  onToggle: () => void;
  onActivate: () => void;
};

function TicketRow({ ticket, now, active, selected, busy, onToggle, onActivate }: TicketRowProps) {
  return (
    <Table.Row
      {...PHONE_ROW}
      tabIndex={active ? 0 : -1}
      data-ticket-id={ticket.id}
      aria-labelledby={`console-ticket-${ticket.id}`}
      onFocus={onActivate}
      bg={selected ? "teal.subtle" : undefined}
      borderBottomWidth={{ base: "1px", md: "0" }}
      _hover={{ bg: selected ? "teal.subtle" : "bg.muted" }}
      _focusVisible={{
        outline: "2px solid",
        outlineColor: "teal.focusRing",
        outlineOffset: "-2px",
        bg: "bg.muted",
      }}
    >
      <Table.Cell {...cell("check")}>
        <Checkbox.Root size="sm" checked={selected} disabled={busy} onCheckedChange={onToggle}>
          <Checkbox.HiddenInput tabIndex={-1} />
          <Checkbox.Control />
          <Checkbox.Label srOnly>Select #{ticket.id}</Checkbox.Label>
        </Checkbox.Root>
      </Table.Cell>
      <Table.Cell {...cell("id")} color="fg.muted" fontVariantNumeric="tabular-nums">
        #{ticket.id}
      </Table.Cell>
      <Table.Cell {...cell("priority")}>
        <Badge size="sm" variant="subtle" colorPalette={PRIORITY_COLORS[ticket.priority]}>
          {PRIORITY_LABELS[ticket.priority]}
        </Badge>
      </Table.Cell>
      <Table.Cell {...cell("subject")} minW="0">
        <Link
          asChild
          display="flex"
          alignItems="center"
          gap="2"
          minW="0"
          color="fg"
          fontWeight={ticket.unread ? "bold" : "normal"}
          tabIndex={-1}
        >
          <RouterLink
            to="/tickets/$ticketId"
            params={{ ticketId: String(ticket.id) }}
            id={`console-ticket-${ticket.id}`}
          >
            {ticket.unread && (
              <Box as="span" boxSize="2" borderRadius="full" bg="teal.solid" flexShrink="0" />
            )}
            <Text as="span" truncate>
              {ticket.title}
            </Text>
            {ticket.unread && (
              <Text as="span" srOnly>
                (new reply)
              </Text>
            )}
            {ticket.needs_triage && <TriageMarker />}
            {awaitsLanguageModel(ticket, now) && <ClassifyingMarker />}
          </RouterLink>
        </Link>
      </Table.Cell>
      <Table.Cell {...cell("requester")} truncate color={{ base: "fg.muted", md: "fg" }}>
        {ticket.requester.name}
      </Table.Cell>
      <Table.Cell display={{ base: "none", md: "table-cell" }} truncate>
        {ticket.assignee ? (
          ticket.assignee.name
        ) : (
          <Text as="span" color="fg.muted">
            Nobody
          </Text>
        )}
      </Table.Cell>
      <Table.Cell {...cell("status")}>
        <Badge size="sm" variant="outline" colorPalette={STATUS_COLORS[ticket.status]}>
          {STATUS_LABELS[ticket.status]}
        </Badge>
      </Table.Cell>
      <Table.Cell
        {...cell("updated")}
        color="fg.muted"
        whiteSpace="nowrap"
        textStyle={{ base: "xs", md: "sm" }}
      >
        <time dateTime={ticket.updated_at} title={formatExactTime(ticket.updated_at)}>
          {formatRelativeTime(ticket.updated_at, now)}
        </time>
      </Table.Cell>
    </Table.Row>
  );
}
