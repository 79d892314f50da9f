import { Grid } from "@chakra-ui/react";
import { SubmitTicketForm } from "@/features/submit-ticket/components/submit-ticket-form";
import { TicketList } from "@/features/tickets/components/ticket-list";
import { PageHeader } from "../page-header";

/** A requester's home: ask for help, and see where each of their tickets stands. */
export function MyTicketsPage() {
  return (
    <>
      <PageHeader
        title="My tickets"
        description="Tell us what is wrong; follow each ticket until it is resolved."
      />
      <Grid
        templateColumns={{ base: "1fr", lg: "minmax(0, 5fr) minmax(0, 7fr)" }}
        gap={{ base: "4", md: "6" }}
        alignItems="start"
      >
        <SubmitTicketForm />
        <TicketList heading="Your tickets" />
      </Grid>
    </>
  );
}
