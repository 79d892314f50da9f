import {
  Box,
  Button,
  EmptyState,
  Grid,
  HStack,
  Skeleton,
  Spinner,
  Stack,
  Text,
} from "@chakra-ui/react";
import { useNavigate } from "@tanstack/react-router";
import { ChevronLeft, ChevronRight, Inbox } from "lucide-react";
import { useRef, useState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormAlert } from "@/components/ui/form-alert";
import { LoadError } from "@/components/ui/load-error";
import { toaster } from "@/components/ui/toaster";
import { CONSOLE_PAGE_SIZE } from "@/config/constants";
import { CONSOLE_SHORTCUTS } from "@/config/shortcuts";
import { STATUS_LABELS } from "@/config/ticket-fields";
import { useNow } from "@/lib/use-now";
import { useShortcuts } from "@/lib/use-shortcuts";
import type { Me, TicketPerson } from "@/types/api";
import { useBulkUpdateTickets } from "../api/bulk-update-tickets";
import { cursorOf, useConsoleTickets } from "../api/get-console-tickets";
import { useQueueCounts } from "../api/get-queue-counts";
import { useConsoleView } from "../hooks/use-console-view";
import { hasActiveFilters, nextOrdering } from "../view";
import { BulkActions, type BulkChange } from "./bulk-actions";
import { ConsoleFilters } from "./console-filters";
import { QUEUE_LABELS, QueueNav } from "./queue-nav";
import { TicketTable } from "./ticket-table";

type TicketConsoleProps = {
  me: Me;
  /** Whom tickets can be assigned to. */
  people: readonly TicketPerson[];
};

const NO_TICKETS: ReadonlySet<number> = new Set();

/** The agents' working view: queues, a dense sortable list, bulk changes, keyboard first. */
export function TicketConsole({ me, people }: TicketConsoleProps) {
  const { view, page, setView, showPage, hrefForQueue } = useConsoleView();
  const counts = useQueueCounts();
  const list = useConsoleTickets(view);
  const bulk = useBulkUpdateTickets();
  const now = useNow();
  const navigate = useNavigate();
  const searchRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);

  // The page the rows are from; its links stay while the next page loads.
  const shownPage = list.data?.pages[0];
  const tickets = shownPage?.results ?? [];
  const shown = new Set(tickets.map((ticket) => ticket.id));

  // While another queue, filter, order or page loads, the rows are still the old view's:
  // they are named after the queue and page they came from and cannot be selected.
  const busy = list.isPlaceholderData;
  const [rowsFrom, setRowsFrom] = useState({ queue: view.queue, page });
  if (list.data && !busy && (rowsFrom.queue !== view.queue || rowsFrom.page !== page)) {
    setRowsFrom({ queue: view.queue, page });
  }

  // A selection belongs to the view it was made in, and holds only tickets it shows:
  // another queue, filter or page starts afresh, and a ticket gone after a refresh is
  // dropped.
  const viewKey = JSON.stringify(view);
  const [selection, setSelection] = useState({ viewKey, ids: NO_TICKETS });
  const selectedHere = selection.viewKey === viewKey ? selection.ids : NO_TICKETS;
  const selected = [...selectedHere].every((id) => shown.has(id))
    ? selectedHere
    : new Set([...selectedHere].filter((id) => shown.has(id)));
  if (selected !== selectedHere) {
    setSelection({ viewKey, ids: selected });
  }

  // The active row is a ticket, not a position: the list refreshes and may re-sort.
  const [activeId, setActiveId] = useState<number | null>(null);
  const activeIndex = Math.max(
    tickets.findIndex((ticket) => ticket.id === activeId),
    0,
  );
  const activeTicket = tickets[activeIndex];

  const setSelected = (ids: ReadonlySet<number>) => setSelection({ viewKey, ids });
  // From the state as it is when React applies it: clicks in quick succession all count.
  const updateSelected = (change: (ids: ReadonlySet<number>) => ReadonlySet<number>) =>
    setSelection((current) => ({
      viewKey,
      ids: change(current.viewKey === viewKey ? current.ids : NO_TICKETS),
    }));
  const toggle = (id: number) =>
    updateSelected((ids) => {
      const next = new Set(ids);
      if (!next.delete(id)) {
        next.add(id);
      }
      return next;
    });
  const toggleAll = () =>
    updateSelected((ids) =>
      tickets.every((ticket) => ids.has(ticket.id))
        ? NO_TICKETS
        : new Set(tickets.map((ticket) => ticket.id)),
    );

  const rows = () => Array.from(bodyRef.current?.rows ?? []);
  const focusRow = (index: number) => rows()[index]?.focus();
  const rowHasFocus = () => rows().some((row) => row === document.activeElement);
  const move = (step: number) => {
    if (tickets.length === 0) {
      return;
    }
    focusRow(
      rowHasFocus() ? Math.min(Math.max(activeIndex + step, 0), tickets.length - 1) : activeIndex,
    );
  };

  // Enter and x act on the row that has the focus, never on one remembered from before.
  useShortcuts(CONSOLE_SHORTCUTS.shortcuts, {
    next: () => move(1),
    previous: () => move(-1),
    open: () => {
      if (activeTicket && rowHasFocus()) {
        navigate({ to: "/tickets/$ticketId", params: { ticketId: String(activeTicket.id) } });
      }
    },
    select: () => {
      if (activeTicket && rowHasFocus() && !busy) {
        toggle(activeTicket.id);
      }
    },
    search: () => searchRef.current?.focus(),
  });

  // Requesters cannot reply to a closed ticket: closing many at once is asked first. The
  // tickets asked about are the ones closed, whatever a refresh does to the selection
  // meanwhile, and they stay named while the dialog closes over an emptied selection.
  const [closing, setClosing] = useState<{ asking: boolean; ids: number[] }>({
    asking: false,
    ids: [],
  });
  const stopAsking = () => setClosing((current) => ({ ...current, asking: false }));

  const run = (change: BulkChange, ids = [...selected]) => {
    bulk.mutate(
      { ids, ...change },
      {
        onSuccess: () => {
          setSelected(NO_TICKETS);
          toaster.success({
            title: `${countOf(ids.length)} updated`,
            description: describeChange(change, me, people),
          });
        },
        onSettled: stopAsking,
      },
    );
  };

  const apply = (change: BulkChange) => {
    if ("status" in change && change.status === "closed") {
      setClosing({ asking: true, ids: [...selected] });
    } else {
      run(change);
    }
  };

  // Each page has its own address. The first is the queue's plain one, without a cursor,
  // so it shows what is newest.
  const goToPage = (direction: "next" | "previous") => {
    setActiveId(null);
    setSelected(NO_TICKETS);
    const number = page && (direction === "next" ? page + 1 : page - 1);
    if (number === 1) {
      showPage(undefined, undefined);
    } else {
      showPage(cursorOf(direction === "next" ? shownPage?.next : shownPage?.previous), number);
    }
  };

  return (
    <Grid
      templateColumns={{ base: "minmax(0, 1fr)", md: "12rem minmax(0, 1fr)" }}
      gap={{ base: "3", md: "5" }}
      alignItems="start"
    >
      <QueueNav
        current={view.queue}
        counts={counts.data}
        countsLoading={counts.isPending}
        hrefFor={hrefForQueue}
        // The queue shown, chosen again, goes back to its first page, as its link says.
        onSelect={(queue) =>
          queue === view.queue ? showPage(undefined, undefined) : setView({ queue })
        }
      />
      <Box
        as="section"
        aria-label="Tickets"
        bg="bg.panel"
        borderWidth="1px"
        borderRadius="l3"
        minW="0"
      >
        <Stack gap="2" p={{ base: "2", md: "3" }} borderBottomWidth="1px">
          <ConsoleFilters view={view} onChange={setView} searchRef={searchRef} />
          <HStack justify="space-between" minH="6" gap="2">
            {selected.size > 0 ? (
              <BulkActions
                count={selected.size}
                me={me}
                people={people}
                pending={bulk.isPending}
                onApply={apply}
                onClear={() => {
                  bulk.reset();
                  setSelected(NO_TICKETS);
                }}
              />
            ) : (
              <Text textStyle="sm" color="fg.muted" aria-live="polite">
                {busy
                  ? `Loading ${QUEUE_LABELS[view.queue]}…`
                  : list.data
                    ? `${tickets.length} shown in ${QUEUE_LABELS[view.queue]}`
                    : ""}
              </Text>
            )}
            {busy && <Spinner size="sm" aria-label="Updating the list" />}
          </HStack>
          {bulk.isError && (
            <FormAlert title="The tickets were not changed" messages={[bulk.error.message]} />
          )}
        </Stack>
        {list.isPending ? (
          <Stack gap="1" p="3" aria-busy="true" aria-label="Loading tickets">
            {[1, 2, 3, 4, 5, 6].map((key) => (
              <Skeleton key={key} height="7" />
            ))}
          </Stack>
        ) : list.isError ? (
          <Stack p="3" gap="2">
            <LoadError
              title="The tickets could not be loaded"
              error={list.error}
              retrying={list.isRefetching}
              onRetry={() => list.refetch()}
            />
            {/* A page's cursor from an old or mistyped link may be one the API refuses. */}
            {view.cursor && (
              <Button
                size="xs"
                variant="outline"
                alignSelf="start"
                onClick={() => showPage(undefined, undefined)}
              >
                Go to the first page
              </Button>
            )}
          </Stack>
        ) : tickets.length === 0 ? (
          <EmptyState.Root size="sm">
            <EmptyState.Content>
              <EmptyState.Indicator>
                <Inbox />
              </EmptyState.Indicator>
              {/* The page's h1 is the only heading above it. */}
              <EmptyState.Title as="h2">
                {hasActiveFilters(view)
                  ? "No tickets match these filters"
                  : `No tickets in ${QUEUE_LABELS[view.queue]}`}
              </EmptyState.Title>
            </EmptyState.Content>
          </EmptyState.Root>
        ) : (
          <Box opacity={busy ? 0.6 : 1}>
            <TicketTable
              label={QUEUE_LABELS[rowsFrom.queue]}
              busy={busy}
              tickets={tickets}
              view={view}
              now={now}
              selected={selected}
              activeId={activeTicket?.id}
              bodyRef={bodyRef}
              onSort={(column) => setView({ ordering: nextOrdering(view, column) })}
              onToggle={toggle}
              onToggleAll={toggleAll}
              onActivate={setActiveId}
            />
          </Box>
        )}
        {(shownPage?.previous || shownPage?.next) && (
          <HStack as="nav" aria-label="Pages" justify="flex-end" gap="2" p="2" borderTopWidth="1px">
            <Text textStyle="sm" color="fg.muted" me="auto">
              {position(
                rowsFrom.page,
                tickets.length,
                hasActiveFilters(view) ? undefined : counts.data?.[rowsFrom.queue],
              )}
            </Text>
            <Button
              size="xs"
              variant="outline"
              disabled={!shownPage?.previous || busy}
              onClick={() => goToPage("previous")}
            >
              <ChevronLeft /> Previous
            </Button>
            <Button
              size="xs"
              variant="outline"
              disabled={!shownPage?.next || busy}
              onClick={() => goToPage("next")}
            >
              Next <ChevronRight />
            </Button>
          </HStack>
        )}
      </Box>
      <ConfirmDialog
        open={closing.asking}
        title={`Close ${countOf(closing.ids.length)}?`}
        confirmLabel={`Close ${countOf(closing.ids.length)}`}
        pending={bulk.isPending}
        onCancel={stopAsking}
        onConfirm={() => run({ status: "closed" }, closing.ids)}
      >
        Their requesters can no longer reply to them; anyone who writes back has to file a new
        ticket.
      </ConfirmDialog>
    </Grid>
  );
}

/**
 * Where the rows are in their queue. The API counts only whole queues, so the range is
 * given out of a total only when no filter or search narrows the queue.
 */
function position(page: number | undefined, shown: number, total: number | undefined): string {
  if (page === undefined) {
    return "";
  }
  if (total === undefined || shown === 0) {
    return `Page ${page}`;
  }
  const first = (page - 1) * CONSOLE_PAGE_SIZE + 1;
  const last = first + shown - 1;
  // A count taken a moment apart from the rows may already be behind them.
  return `${first}–${last} of ${Math.max(total, last)}`;
}

function countOf(tickets: number): string {
  return `${tickets} ${tickets === 1 ? "ticket" : "tickets"}`;
}

function describeChange(change: BulkChange, me: Me, people: readonly TicketPerson[]): string {
  if ("status" in change) {
    return `Status set to ${STATUS_LABELS[change.status]}.`;
  }
  if (change.assignee === null) {
    return "Assigned to nobody.";
  }
  if (change.assignee === me.id) {
    return "Assigned to you.";
  }
  const person = people.find((p) => p.id === change.assignee);
  return `Assigned to ${person?.name ?? "an agent"}.`;
}
