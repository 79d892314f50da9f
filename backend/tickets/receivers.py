from django.dispatch import receiver

from accounts.signals import stopped_working_tickets
from tickets.services import tickets_unassign


@receiver(stopped_working_tickets)
def unassign_their_tickets(sender, user, **kwargs) -> None:
    """Someone who no longer works tickets owns none: theirs go back to Unassigned."""
    tickets_unassign(assignee=user)
