import { Button } from "@chakra-ui/react";
import { Link as RouterLink } from "@tanstack/react-router";
import { Plus } from "lucide-react";
import { TicketConsole } from "@/features/console/components/ticket-console";
import { useAssignablePeople } from "@/features/tickets/api/get-assignable-people";
import { useCurrentUser } from "@/lib/session";
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
          <Button asChild size="sm" colorPalette="teal">
            <RouterLink to="/desk/new">
              <Plus /> New ticket
            </RouterLink>
          </Button>
        }
      />
      <TicketConsole me={me} people={people.data ?? []} />
    </>
  );
}
