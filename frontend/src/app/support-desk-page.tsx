import { Grid, Stack } from "@chakra-ui/react";
import { StatsPanel } from "@/features/stats/components/stats-panel";
import { SubmitTicketForm } from "@/features/submit-ticket/components/submit-ticket-form";
import { TicketList } from "@/features/tickets/components/ticket-list";
import { AppShell } from "./app-shell";

/** The one page: the form and the numbers beside the list on wide screens, stacked on a phone. */
export function SupportDeskPage() {
  return (
    <AppShell>
      <Grid
        templateColumns={{ base: "1fr", lg: "minmax(0, 5fr) minmax(0, 7fr)" }}
        gap={{ base: "4", md: "6" }}
        alignItems="start"
      >
        <Stack gap={{ base: "4", md: "6" }}>
          <SubmitTicketForm />
          <StatsPanel />
        </Stack>
        <TicketList />
      </Grid>
    </AppShell>
  );
}
