import { Badge, Card, HStack, Icon, LinkBox, LinkOverlay, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { MessageSquare } from "lucide-react";
import { formatExactTime, formatRelativeTime } from "@/lib/format";
import type { Ticket } from "@/types/api";
import { CategoryBadge, PriorityBadge, StatusBadge } from "./ticket-badges";

type TicketCardProps = {
  ticket: Ticket;
  now: number;
  /** The signed-in person, whose own replies read "You replied". */
  meId: number | null;
};

export function TicketCard({ ticket, now, meId }: TicketCardProps) {
  return (
    <LinkBox as="article" aria-labelledby={`ticket-${ticket.id}-title`}>
      <Card.Root
        size="sm"
        variant="outline"
        transition="border-color 0.15s, background 0.15s"
        _hover={{ borderColor: "border.emphasized", bg: "bg.subtle" }}
        // The whole card is the click target, so it carries the keyboard focus ring too.
        css={{
          "&:has(a:focus-visible)": {
            outline: "2px solid",
            outlineColor: "teal.focusRing",
            outlineOffset: "2px",
          },
        }}
      >
        <Card.Body gap="1.5">
          <HStack justify="space-between" align="start" gap="3">
            <LinkOverlay asChild>
              <RouterLink
                to="/tickets/$ticketId"
                params={{ ticketId: String(ticket.id) }}
                id={`ticket-${ticket.id}-title`}
                style={{ minWidth: 0, outline: "none" }}
              >
                <Text as="span" fontWeight="semibold" lineClamp={2} wordBreak="break-word">
                  {ticket.title}
                </Text>
              </RouterLink>
            </LinkOverlay>
            <Text asChild textStyle="xs" color="fg.muted" whiteSpace="nowrap" flexShrink={0}>
              <time dateTime={ticket.created_at} title={formatExactTime(ticket.created_at)}>
                {formatRelativeTime(ticket.created_at, now)}
              </time>
            </Text>
          </HStack>
          <Text textStyle="sm" color="fg.muted" lineClamp={1} wordBreak="break-word">
            {ticket.description}
          </Text>
          <HStack gap="2" wrap="wrap" pt="0.5">
            {ticket.unread && (
              <Badge
                colorPalette="teal"
                variant="solid"
                title="The requester replied since you last opened it"
              >
                New reply
              </Badge>
            )}
            <StatusBadge status={ticket.status} />
            <PriorityBadge priority={ticket.priority} />
            <CategoryBadge category={ticket.category} />
            <Text as="span" textStyle="xs" color="fg.muted" ms="auto" truncate>
              #{ticket.id}
            </Text>
          </HStack>
          <LastReply ticket={ticket} now={now} meId={meId} />
        </Card.Body>
      </Card.Root>
    </LinkBox>
  );
}

/** "Alex Agent replied 2 hr. ago", "You replied …" or "No replies yet": public replies only. */
function LastReply({ ticket, now, meId }: { ticket: Ticket; now: number; meId: number | null }) {
  const { last_reply_at: at, last_reply_by: by } = ticket;
  return (
    <HStack gap="1.5" textStyle="xs" color="fg.muted" data-testid="last-reply">
      <Icon size="xs" aria-hidden>
        <MessageSquare />
      </Icon>
      {at ? (
        <Text truncate>
          {by && by.id === meId ? "You" : (by?.name ?? "Someone")} replied{" "}
          <time dateTime={at} title={formatExactTime(at)}>
            {formatRelativeTime(at, now)}
          </time>
        </Text>
      ) : (
        <Text>No replies yet</Text>
      )}
    </HStack>
  );
}
