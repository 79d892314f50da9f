import { Box, Button } from "@chakra-ui/react";
import { Link as RouterLink, useNavigate } from "@tanstack/react-router";
import { ArrowLeft } from "lucide-react";
import { SubmitTicketForm } from "@/features/submit-ticket/components/submit-ticket-form";
import { useCurrentUser } from "@/lib/session";
import { PageHeader } from "../page-header";

/** An agent files a ticket, for themselves or for a requester, then works on it. */
export function NewTicketPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  if (!me) {
    return null;
  }
  return (
    <Box maxW="3xl">
      <PageHeader
        title="New ticket"
        description="File a ticket on behalf of a requester; it opens once it is filed."
        actions={
          <Button asChild size="sm" variant="ghost">
            <RouterLink to="/desk">
              <ArrowLeft /> Back to the desk
            </RouterLink>
          </Button>
        }
      />
      <SubmitTicketForm
        agent={me}
        onSubmitted={(ticket) =>
          navigate({ to: "/tickets/$ticketId", params: { ticketId: String(ticket.id) } })
        }
      />
    </Box>
  );
}
