import { Badge, Box, EmptyState, HStack, Skeleton, Stack, Text } from "@chakra-ui/react";
import { MessagesSquare } from "lucide-react";
import { LoadError } from "@/components/ui/load-error";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import { useNow } from "@/lib/use-now";
import type { TicketComment } from "@/types/api";
import { useComments } from "../api/get-comments";
import { CommentBody } from "./comment-body";

/** The replies and notes on a ticket, oldest first, refreshed while the page is open. */
export function Conversation({ ticketId }: { ticketId: number }) {
  const now = useNow();
  const {
    data: comments,
    isPending,
    isError,
    error,
    refetch,
    isRefetching,
  } = useComments(ticketId);

  if (isPending) {
    return (
      <Stack gap="3" aria-busy="true" aria-label="Loading the conversation">
        <Skeleton height="16" />
        <Skeleton height="16" />
      </Stack>
    );
  }
  if (isError) {
    return (
      <LoadError
        title="The conversation could not be loaded"
        error={error}
        retrying={isRefetching}
        onRetry={() => refetch()}
      />
    );
  }
  if (comments.length === 0) {
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
    <Stack as="ol" gap="3" listStyleType="none" aria-label="Conversation">
      {comments.map((comment) => (
        <li key={comment.id}>
          <CommentItem comment={comment} now={now} />
        </li>
      ))}
    </Stack>
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
        <Text as="span" fontWeight="semibold" textStyle="sm" title={comment.author.email}>
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
