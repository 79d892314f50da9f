import { useParams } from "@tanstack/react-router";
import { TicketView } from "@/features/tickets/components/ticket-view";
import { useCurrentUser } from "@/lib/session";

/** Parses the address's ticket number; anything but a positive whole number is no ticket. */
export function parseTicketId(value: string | undefined): number | null {
  return value && /^[1-9]\d{0,9}$/.test(value) ? Number(value) : null;
}

/** One ticket, for anyone signed in: the API answers 404 for tickets one may not see. */
export function TicketPage() {
  const me = useCurrentUser();
  const { ticketId } = useParams({ strict: false });
  if (!me) {
    return null;
  }
  return <TicketView key={ticketId} ticketId={parseTicketId(ticketId)} me={me} />;
}
