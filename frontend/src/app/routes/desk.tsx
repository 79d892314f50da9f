import { Button, HStack } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { CONSOLE_REFRESH_INTERVAL_MS } from "@/config/constants";
import { TicketConsole } from "@/features/console/components/ticket-console";
import { useAssignablePeople } from "@/features/tickets/api/get-assignable-people";
import { useCurrentUser } from "@/lib/session";
import { LiveIndicator } from "../live-updates";
import { PageHeader } from "../page-header";

/** Agents' and admins' home: the queues and their tickets. */
export function DeskPage() {
  const me = useCurrentUser();
  const people = useAssignablePeople();
  if (!me) {
    return null;
  }
  return (
    <>
      <PageHeader
        title="Desk"
        actions={
          <HStack gap="4">
            <LiveIndicator pollingIntervalMs={CONSOLE_REFRESH_INTERVAL_MS} />
            <Button asChild size="sm" colorPalette="teal">
              <RouterLink to="/desk/new">
                <Plus /> New ticket
              </RouterLink>
            </Button>
          </HStack>
        }
      />
      <TicketConsole me={me} people={people.data ?? []} />
    </>
  );
}
