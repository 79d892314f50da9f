import {
  Button,
  Card,
  EmptyState,
  Heading,
  HStack,
  Skeleton,
  SkeletonText,
  Spinner,
  Stack,
  Text,
} from "@chakra-ui/react";
import { Inbox } from "lucide-react";
import type { Ref } from "react";
import { LoadError } from "@/components/ui/load-error";
import { useCurrentUser } from "@/lib/session";
import { useNow } from "@/lib/use-now";
import type { TicketFilters as Filters } from "@/types/api";
import { useTickets } from "../api/get-tickets";
import { hasActiveFilters } from "../filters";
import { useTicketFilters } from "../hooks/use-ticket-filters";
import { TicketCard } from "./ticket-card";
import { TicketFilters } from "./ticket-filters";

type TicketListProps = {
  heading?: string;
  /** The heading takes the focus through this, to bring the list into view. */
  headingRef?: Ref<HTMLHeadingElement>;
};

export function TicketList({ heading = "Tickets", headingRef }: TicketListProps) {
  const { filters, setFilters, clearFilters } = useTicketFilters();

  return (
    <Card.Root as="section" size={{ base: "sm", md: "md" }} aria-labelledby="tickets-heading">
      <Card.Header>
        <Heading
          as="h2"
          size="lg"
          id="tickets-heading"
          ref={headingRef}
          tabIndex={-1}
          _focus={{ outline: "none" }}
          scrollMarginTop="4"
        >
          {heading}
        </Heading>
      </Card.Header>
      <Card.Body gap="5">
        <TicketFilters filters={filters} onChange={setFilters} onClear={clearFilters} />
        <TicketResults filters={filters} onClearFilters={clearFilters} />
      </Card.Body>
    </Card.Root>
  );
}

type TicketResultsProps = {
  filters: Filters;
  onClearFilters: () => void;
};

function TicketResults({ filters, onClearFilters }: TicketResultsProps) {
  const now = useNow();
  const me = useCurrentUser();
  const filtersActive = hasActiveFilters(filters);
  const {
    data,
    isPending,
    isError,
    error,
    refetch,
    isRefetching,
    isPlaceholderData,
    hasNextPage,
    fetchNextPage,
    isFetchingNextPage,
  } = useTickets(filters);

  if (isPending) {
    return (
      <Stack gap="3" aria-busy="true" aria-label="Loading tickets">
        {[1, 2, 3].map((key) => (
          <Card.Root key={key} size="sm" variant="outline">
            <Card.Body gap="3">
              <Skeleton height="5" width="60%" />
              <SkeletonText noOfLines={2} />
              <Skeleton height="5" width="40%" />
            </Card.Body>
          </Card.Root>
        ))}
      </Stack>
    );
  }

  if (isError) {
    return (
      <LoadError
        title="The tickets could not be loaded"
        error={error}
        retrying={isRefetching}
        onRetry={() => refetch()}
      />
    );
  }

  const tickets = data.pages.flatMap((page) => page.results);

  if (tickets.length === 0) {
    return (
      <EmptyState.Root size="sm">
        <EmptyState.Content>
          <EmptyState.Indicator>
            <Inbox />
          </EmptyState.Indicator>
          <EmptyState.Title>
            {filtersActive ? "No tickets match these filters" : "No tickets yet"}
          </EmptyState.Title>
          <EmptyState.Description>
            {filtersActive
              ? "Try another search or clear the filters."
              : "Tickets submitted with the form appear here, newest first."}
          </EmptyState.Description>
          {filtersActive && (
            <Button size="sm" variant="outline" onClick={onClearFilters}>
              Show all tickets
            </Button>
          )}
        </EmptyState.Content>
      </EmptyState.Root>
    );
  }

  return (
    <Stack gap="3">
      <HStack justify="space-between" minH="5">
        <Text textStyle="sm" color="fg.muted" aria-live="polite">
          {hasNextPage ? `Showing the newest ${tickets.length}` : `${tickets.length} shown`}
        </Text>
        {isPlaceholderData && <Spinner size="sm" aria-label="Updating the list" />}
      </HStack>
      <Stack as="ul" gap="3" listStyleType="none" opacity={isPlaceholderData ? 0.6 : 1}>
        {tickets.map((ticket) => (
          <li key={ticket.id}>
            <TicketCard ticket={ticket} now={now} meId={me?.id ?? null} />
          </li>
        ))}
      </Stack>
      {hasNextPage && (
        <Button
          variant="outline"
          alignSelf="center"
          loading={isFetchingNextPage}
          loadingText="Loading"
          onClick={() => fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </Stack>
  );
}
