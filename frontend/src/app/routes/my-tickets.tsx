import { Box, Button, Grid } from "@chakra-ui/react";
import { Plus } from "lucide-react";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { SubmitTicketForm } from "@/features/submit-ticket/components/submit-ticket-form";
import { TicketList } from "@/features/tickets/components/ticket-list";
import { useTicketFilters } from "@/features/tickets/hooks/use-ticket-filters";
import { PageHeader } from "../page-header";

/**
 * A requester's home: where each of their tickets stands, and a form to ask for help.
 * Side by side on wide screens. On narrower ones the tickets come first and the form
 * opens below them from "New ticket".
 */
export function MyTicketsPage() {
  const [formOpen, setFormOpen] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  const listHeadingRef = useRef<HTMLHeadingElement>(null);
  const { clearFilters } = useTicketFilters();

  const openForm = () => {
    flushSync(() => setFormOpen(true));
    formRef.current?.scrollIntoView({ block: "start" });
    formRef.current?.querySelector("input")?.focus({ preventScroll: true });
  };

  return (
    <>
      <PageHeader
        title="My tickets"
        description="Tell us what is wrong; follow each ticket until it is resolved."
        actions={
          <Button size="sm" colorPalette="teal" hideFrom="lg" onClick={openForm}>
            <Plus /> New ticket
          </Button>
        }
      />
      <Grid
        templateColumns={{ base: "1fr", lg: "minmax(0, 7fr) minmax(0, 5fr)" }}
        gap={{ base: "4", md: "6" }}
        alignItems="start"
      >
        <TicketList heading="Your tickets" headingRef={listHeadingRef} />
        <Box
          ref={formRef}
          display={{ base: formOpen ? "block" : "none", lg: "block" }}
          scrollMarginTop="4"
        >
          <SubmitTicketForm
            onSubmitted={() => {
              // The new ticket is the newest: with no filter it heads the list.
              clearFilters();
              setFormOpen(false);
              listHeadingRef.current?.focus();
            }}
          />
        </Box>
      </Grid>
    </>
  );
}
