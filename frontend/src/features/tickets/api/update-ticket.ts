import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
import { toaster } from "@/components/ui/toaster";
import { apiRequest } from "@/lib/api-client";
import { classifierKeys, statsKeys, ticketKeys } from "@/lib/query-keys";
import type { Ticket, TicketChanges, TicketPage, TicketPerson } from "@/types/api";

type UpdateVariables = {
  id: number;
  changes: TicketChanges;
  /** Who `changes.assignee` is, so the new assignee shows before the server answers. */
  assignee?: TicketPerson | null;
  /** What else the change will do, shown before the server answers (a confirmation). */
  consequences?: Partial<Ticket>;
};

export function updateTicket(id: number, changes: TicketChanges): Promise<Ticket> {
  return apiRequest<Ticket>(`/api/tickets/${id}/`, { method: "PATCH", body: changes });
}

type Lists = InfiniteData<TicketPage> | undefined;

/**
 * Changes a ticket optimistically: the list pages and the detail show the new values at
 * once and go back to the old ones, with an error toast, if the server refuses. The
 * lists, the queues' counts, the history and the stats are then refreshed.
 */
export function useUpdateTicket() {
  const queryClient = useQueryClient();

  const patchEverywhere = (id: number, patch: (ticket: Ticket) => Ticket) => {
    queryClient.setQueriesData<Lists>({ queryKey: ticketKeys.lists() }, (old) =>
      old
        ? {
            ...old,
            pages: old.pages.map((page) => ({
              ...page,
              results: page.results.map((t) => (t.id === id ? patch(t) : t)),
            })),
          }
        : old,
    );
    queryClient.setQueryData<Ticket>(ticketKeys.detail(id), (old) => (old ? patch(old) : old));
  };

  return useMutation({
    mutationFn: ({ id, changes }: UpdateVariables) => updateTicket(id, changes),
    onMutate: async ({ id, changes, assignee, consequences }) => {
      // A refetch landing after the optimistic write would put the old values back.
      await Promise.all([
        queryClient.cancelQueries({ queryKey: ticketKeys.lists() }),
        queryClient.cancelQueries({ queryKey: ticketKeys.detail(id) }),
      ]);
      const previousLists = queryClient.getQueriesData<Lists>({ queryKey: ticketKeys.lists() });
      const previousDetail = queryClient.getQueryData<Ticket>(ticketKeys.detail(id));
      const { assignee: assigneeId, ...fields } = changes;
      patchEverywhere(id, (ticket) => ({
        ...ticket,
        ...fields,
        ...consequences,
        ...(assigneeId !== undefined && assignee !== undefined ? { assignee } : {}),
      }));
      return { previousLists, previousDetail };
    },
    onError: (error, { id }, context) => {
      for (const [key, data] of context?.previousLists ?? []) {
        queryClient.setQueryData(key, data);
      }
      queryClient.setQueryData(ticketKeys.detail(id), context?.previousDetail);
      toaster.error({ title: "The ticket was not changed", description: error.message });
    },
    onSuccess: (ticket) => {
      patchEverywhere(ticket.id, () => ticket);
    },
    onSettled: (_ticket, _error, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ticketKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.queues() }),
        queryClient.invalidateQueries({ queryKey: ticketKeys.history(id) }),
        queryClient.invalidateQueries({ queryKey: statsKeys.all }),
        // Resolving, closing or setting labels confirms them: the accuracy report counts those.
        queryClient.invalidateQueries({ queryKey: classifierKeys.report }),
      ]),
  });
}
