import {
  Box,
  Button,
  Card,
  EmptyState,
  Grid,
  Heading,
  HStack,
  Skeleton,
  Stack,
  Text,
  VStack,
} from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { ArrowLeft, SearchX } from "lucide-react";
import type { ReactNode } from "react";
import { FormAlert } from "@/components/ui/form-alert";
import { LoadError } from "@/components/ui/load-error";
import { COMMENTS_REFRESH_INTERVAL_MS } from "@/config/constants";
import { ApiError } from "@/lib/api-client";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import { homePathFor } from "@/lib/session";
import { useNow } from "@/lib/use-now";
import { usePageTitle } from "@/lib/use-page-title";
import type { Me, TicketWithExamples } from "@/types/api";
import { useTicket } from "../api/get-ticket";
import { useMarkReadWhileOpen } from "../hooks/use-mark-read-while-open";
import { ClassifyingStatus } from "./classifying-status";
import { CommentBody } from "./comment-body";
import { Conversation } from "./conversation";
import { ReplyBox } from "./reply-box";
import { CategoryBadge, PriorityBadge, StatusBadge } from "./ticket-badges";
import { TicketFacts } from "./ticket-facts";
import { TicketSidePanel } from "./ticket-side-panel";

type TicketViewProps = {
  /** Null when the address holds no ticket number at all. */
  ticketId: number | null;
  me: Me;
};

/** One ticket on its own page: what was asked, the conversation, and (agents) triage. */
export function TicketView({ ticketId, me }: TicketViewProps) {
  if (ticketId === null) {
    return <NoSuchTicket me={me} />;
  }
  return <TicketLoader ticketId={ticketId} me={me} />;
}

function TicketLoader({ ticketId, me }: { ticketId: number; me: Me }) {
  // Polled with the conversation: a reply from the requester reopens the ticket.
  const {
    data: ticket,
    isPending,
    isError,
    error,
    refetch,
    isRefetching,
  } = useTicket(ticketId, {
    refetchInterval: COMMENTS_REFRESH_INTERVAL_MS,
  });
  if (isPending) {
    return (
      <Stack gap="4" aria-busy="true" aria-label="Loading ticket">
        <PageTitle title={`Ticket #${ticketId}`} />
        <Skeleton height="8" width="60%" />
        <Skeleton height="32" />
        <Skeleton height="24" />
      </Stack>
    );
  }
  if (isError) {
    // Someone else's ticket answers 404 to a requester, just as a deleted one does.
    if (error instanceof ApiError && error.status === 404) {
      return <NoSuchTicket me={me} />;
    }
    return (
      <Stack gap="4">
        <PageTitle title={`Ticket #${ticketId}`} />
        <BackLink me={me} />
        <LoadError
          title="This ticket could not be loaded"
          error={error}
          retrying={isRefetching}
          onRetry={() => refetch()}
        />
      </Stack>
    );
  }
  return <TicketDetails ticket={ticket} me={me} />;
}

function TicketDetails({ ticket, me }: { ticket: TicketWithExamples; me: Me }) {
  const now = useNow();
  const isAgent = me.role !== "requester";
  usePageTitle(ticket.title);
  useMarkReadWhileOpen(ticket, isAgent);
  return (
    <Stack gap={{ base: "3", md: "4" }} maxW={isAgent ? undefined : "4xl"}>
      <BackLink me={me} />
      {/* On narrow screens the agent's panel comes right after the ticket, before the
          conversation, so triage does not mean scrolling past every reply. */}
      <Grid
        templateColumns={{
          base: "minmax(0, 1fr)",
          lg: isAgent ? "minmax(0, 1fr) 18rem" : "minmax(0, 1fr)",
        }}
        templateAreas={{
          base: isAgent ? `"ticket" "panel" "conversation"` : `"ticket" "conversation"`,
          lg: isAgent ? `"ticket panel" "conversation panel"` : `"ticket" "conversation"`,
        }}
        templateRows={{ lg: "auto 1fr" }}
        columnGap="5"
        rowGap={{ base: "4", md: "5" }}
        alignItems="start"
      >
        <Card.Root as="section" size="sm" aria-labelledby="ticket-title" gridArea="ticket">
          <Card.Body gap="3">
            <Stack gap="1">
              <Text textStyle="xs" color="fg.muted">
                Ticket #{ticket.id} · opened{" "}
                <time dateTime={ticket.created_at} title={formatExactTime(ticket.created_at)}>
                  {formatRelativeTime(ticket.created_at, now)}
                </time>
              </Text>
              <Heading
                as="h1"
                size="xl"
                id="ticket-title"
                wordBreak="break-word"
                tabIndex={-1}
                _focus={{ outline: "none" }}
              >
                {ticket.title}
              </Heading>
            </Stack>
            <HStack gap="2" wrap="wrap">
              <StatusBadge status={ticket.status} />
              <PriorityBadge priority={ticket.priority} />
              <CategoryBadge category={ticket.category} />
              {/* Agents follow the language model in their panel. */}
              {!isAgent && <ClassifyingStatus ticket={ticket} labelsOnly />}
            </HStack>
            <CommentBody text={ticket.description} />
            <TicketFacts ticket={ticket} />
          </Card.Body>
        </Card.Root>
        {isAgent && (
          <Box gridArea="panel" position={{ lg: "sticky" }} top={{ lg: "20" }}>
            <TicketSidePanel ticket={ticket} me={me} />
          </Box>
        )}
        <Card.Root
          as="section"
          size="sm"
          aria-labelledby="conversation-heading"
          gridArea="conversation"
        >
          <Card.Header>
            <Heading as="h2" size="md" id="conversation-heading">
              Conversation
            </Heading>
          </Card.Header>
          <Card.Body gap="5">
            <Conversation ticketId={ticket.id} withHistory={isAgent} />
            {!isAgent && ticket.status === "resolved" && (
              <Text textStyle="sm" color="fg.muted">
                This ticket is resolved. If something is still wrong, reply and it opens again.
              </Text>
            )}
            {!isAgent && ticket.status === "closed" ? (
              <FormAlert
                status="info"
                title="This ticket is closed"
                messages={["It takes no more replies. If you still need help, file a new ticket."]}
              />
            ) : (
              <ReplyBox key={ticket.id} ticketId={ticket.id} userId={me.id} isAgent={isAgent} />
            )}
          </Card.Body>
        </Card.Root>
      </Grid>
    </Stack>
  );
}

function BackLink({ me }: { me: Me }): ReactNode {
  const home = homePathFor(me.role);
  return (
    <Button asChild variant="ghost" size="sm" alignSelf="start" ms="-2">
      <RouterLink to={home}>
        <ArrowLeft aria-hidden />
        {home === "/desk" ? "Back to the desk" : "Back to my tickets"}
      </RouterLink>
    </Button>
  );
}

function PageTitle({ title }: { title: string }) {
  usePageTitle(title);
  return null;
}

function NoSuchTicket({ me }: { me: Me }) {
  usePageTitle("No such ticket");
  const home = homePathFor(me.role);
  return (
    <EmptyState.Root>
      <EmptyState.Content>
        <EmptyState.Indicator>
          <SearchX />
        </EmptyState.Indicator>
        <VStack textAlign="center">
          <EmptyState.Title as="h1">No such ticket</EmptyState.Title>
          <EmptyState.Description>
            It may have been mistyped, or it is not one you can see.
          </EmptyState.Description>
        </VStack>
        <Button asChild colorPalette="teal">
          <RouterLink to={home}>
            {home === "/desk" ? "Go to the desk" : "Go to my tickets"}
          </RouterLink>
        </Button>
      </EmptyState.Content>
    </EmptyState.Root>
  );
}
