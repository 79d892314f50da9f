import { Badge, Box, HStack, Link, Text } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { STATUS_COLORS, STATUS_LABELS } from "@/config/ticket-fields";
import type { SimilarTicket } from "@/types/api";

/**
 * Up to three existing tickets with a similar title, so that someone about to file the
 * same problem again can follow the one already open. Nothing at all when there are none.
 */
export function SimilarTickets({ tickets }: { tickets: readonly SimilarTicket[] }) {
  if (tickets.length === 0) {
    return null;
  }
  return (
    <Box
      as="section"
      aria-labelledby="similar-tickets-heading"
      borderWidth="1px"
      borderRadius="l2"
      px="3"
      py="2"
      bg="bg.subtle"
      textStyle="sm"
      data-testid="similar-tickets"
    >
      <Text as="h3" id="similar-tickets-heading" fontWeight="medium" mb="1">
        Similar tickets
      </Text>
      <Box as="ul" listStyleType="none" display="grid" gap="1">
        {tickets.map((ticket) => (
          <HStack as="li" key={ticket.id} justify="space-between" gap="2" minW="0">
            <Link asChild colorPalette="teal" minW="0">
              <RouterLink to="/tickets/$ticketId" params={{ ticketId: String(ticket.id) }}>
                <Text as="span" color="fg.muted" fontVariantNumeric="tabular-nums">
                  #{ticket.id}
                </Text>
                <Text as="span" truncate>
                  {ticket.title}
                </Text>
              </RouterLink>
            </Link>
            <Badge
              size="sm"
              variant="outline"
              colorPalette={STATUS_COLORS[ticket.status]}
              flexShrink="0"
            >
              {STATUS_LABELS[ticket.status]}
            </Badge>
          </HStack>
        ))}
      </Box>
    </Box>
  );
}
