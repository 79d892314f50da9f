import { Grid, Stack } from "@chakra-ui/react";
import { StatsPanel } from "@/features/stats/components/stats-panel";
import { SubmitTicketForm } from "@/features/submit-ticket/components/submit-ticket-form";
import { TicketList } from "@/features/tickets/components/ticket-list";
import { useCurrentUser } from "@/lib/session";
import { PageHeader } from "../page-header";

/** Agents' and admins' home: every ticket, the numbers, and a form to file for anyone. */
export function DeskPage() {
  const me = useCurrentUser();
  if (!me) {
    return null;
  }
  return (
    <>
      <PageHeader
        title="Desk"
        description="Every ticket, newest first. Filters stay in the address."
      />
      <Grid
        templateColumns={{ base: "1fr", lg: "minmax(0, 5fr) minmax(0, 7fr)" }}
        gap={{ base: "4", md: "6" }}
        alignItems="start"
      >
        <Stack gap={{ base: "4", md: "6" }}>
          <SubmitTicketForm agent={me} />
          <StatsPanel />
        </Stack>
        <TicketList showRequester />
      </Grid>
    </>
  );
}
