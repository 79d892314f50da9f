import { Badge, Box, EmptyState, HStack, Icon, Skeleton, Stack, Text } from "@chakra-ui/react";
import { History, MessagesSquare, Server, Sparkles } from "lucide-react";
import { LoadError } from "@/components/ui/load-error";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import { useNow } from "@/lib/use-now";
import type { HistoryEntry, TicketComment } from "@/types/api";
import { useComments } from "../api/get-comments";
import { useTicketHistory } from "../api/get-ticket-history";
import { describeEntry, mergeTimeline } from "../timeline";
import { CommentBody } from "./comment-body";

type ConversationProps = {
  ticketId: number;
  /** Agents and admins see the ticket's history between the messages. */
  withHistory: boolean;
};

/**
 * The replies and notes on a ticket, oldest first, refreshed while the page is open;
 * for agents, with every change to the ticket in between, one line each.
 */
export function Conversation({ ticketId, withHistory }: ConversationProps) {
  const now = useNow();
  const comments = useComments(ticketId);
  const history = useTicketHistory(ticketId, { enabled: withHistory });

  if (comments.isPending || (withHistory && history.isPending)) {
    return (
      <Stack gap="3" aria-busy="true" aria-label="Loading the conversation">
        <Skeleton height="16" />
        <Skeleton height="16" />
      </Stack>
    );
  }
  if (comments.isError) {
    return (
      <LoadError
        title="The conversation could not be loaded"
        error={comments.error}
        retrying={comments.isRefetching}
        onRetry={() => comments.refetch()}
      />
    );
  }
  const items = mergeTimeline(comments.data, withHistory ? (history.data ?? []) : []);
  if (items.length === 0) {
    return (
      <EmptyState.Root size="sm">
        <EmptyState.Content>
          <EmptyState.Indicator>
            <MessagesSquare />
          </EmptyState.Indicator>
          <EmptyState.Description>No replies yet.</EmptyState.Description>
        </EmptyState.Content>
      </EmptyState.Root>
    );
  }
  return (
    <Stack gap="3">
      {history.isError && (
        <LoadError
          title="The ticket's history could not be loaded"
          error={history.error}
          retrying={history.isRefetching}
          onRetry={() => history.refetch()}
        />
      )}
      <Stack as="ol" gap="2" listStyleType="none" aria-label="Conversation">
        {items.map((item) =>
          item.kind === "comment" ? (
            <Box as="li" key={`comment-${item.comment.id}`} py="1">
              <CommentItem comment={item.comment} now={now} />
            </Box>
          ) : (
            <li key={`history-${item.entry.id}-${item.entry.event}`}>
              <HistoryLine entry={item.entry} previous={item.previous} now={now} />
            </li>
          ),
        )}
      </Stack>
      {comments.data.length === 0 && (
        <Text textStyle="sm" color="fg.muted">
          No replies yet.
        </Text>
      )}
    </Stack>
  );
}

const ACTOR_ICONS = { person: History, classifier: Sparkles, system: Server } as const;

/** A change to the ticket: one quiet line between the messages. */
function HistoryLine({
  entry,
  previous,
  now,
}: {
  entry: HistoryEntry;
  previous: HistoryEntry | undefined;
  now: number;
}) {
  const ActorIcon = ACTOR_ICONS[entry.actor.kind];
  return (
    <HStack gap="2" align="start" textStyle="xs" color="fg.muted" ps="3" data-testid="history-line">
      <Icon size="sm" mt="0.5" flexShrink={0} aria-hidden>
        <ActorIcon />
      </Icon>
      <Text flex="1" minW="0" wordBreak="break-word">
        {describeEntry(entry, previous)}
      </Text>
      <Text asChild flexShrink={0}>
        <time dateTime={entry.at} title={formatExactTime(entry.at)}>
          {formatRelativeTime(entry.at, now)}
        </time>
      </Text>
    </HStack>
  );
}

function CommentItem({ comment, now }: { comment: TicketComment; now: number }) {
  return (
    <Box
      as="article"
      aria-label={`${comment.internal ? "Internal note" : "Reply"} by ${comment.author.name}`}
      borderWidth="1px"
      borderColor={comment.internal ? "yellow.emphasized" : "border"}
      borderStartWidth={comment.internal ? "4px" : "1px"}
      bg={comment.internal ? "yellow.subtle" : "bg"}
      rounded="md"
      px="3"
      py="2.5"
    >
      <HStack gap="2" mb="1" wrap="wrap">
        <Text
          as="span"
          fontWeight="semibold"
          textStyle="sm"
          title={comment.author.email ?? undefined}
        >
          {comment.author.name}
        </Text>
        {comment.internal && (
          <Badge size="sm" colorPalette="yellow" variant="solid">
            Internal note
          </Badge>
        )}
        <Text asChild textStyle="xs" color="fg.muted" ms="auto">
          <time dateTime={comment.created_at} title={formatExactTime(comment.created_at)}>
            {formatRelativeTime(comment.created_at, now)}
          </time>
        </Text>
      </HStack>
      <CommentBody text={comment.body} />
    </Box>
  );
}
