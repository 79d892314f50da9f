from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from classifier import classify
from tickets.models import Comment, Status, Ticket


def ticket_create(
    *,
    requester: User,
    title: str,
    description: str,
    category: str | None = None,
    priority: str | None = None,
) -> Ticket:
    """Create a ticket with the classifier's suggestion recorded beside the final labels;
    a category or priority the client chose overrides the suggestion's.

    The suggestion is always the server's own, so a client cannot skew the agreement
    figures. Text just classified while the requester typed is answered from the
    classifier's cache (per worker process for now). Classification runs before
    the INSERT so no transaction stays open while a model thinks; it cannot fail (the
    keyword rules always answer).
    """
    suggestion = classify(title, description)
    return Ticket.objects.create(
        requester=requester,
        title=title,
        description=description,
        category=category or suggestion.category,
        priority=priority or suggestion.priority,
        suggested_category=suggestion.category,
        suggested_priority=suggestion.priority,
        classified_by=suggestion.backend,
    )


def ticket_update(*, ticket: Ticket, changes: dict[str, Any]) -> Ticket:
    """Apply every given change; `updated_at` moves with them."""
    for field, value in changes.items():
        setattr(ticket, field, value)
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*changes, "updated_at"])
    return ticket


class TicketClosed(ValueError):
    """A requester answered a closed ticket: it is over, a new one is needed."""


def comment_create(
    *, ticket: Ticket, author: User, body: str, internal: bool = False, status: str | None = None
) -> Comment:
    """A reply or internal note on a ticket, which moves its updated_at. A requester's
    reply reopens a resolved ticket; an agent may set the status in the same action
    ("reply and resolve"). Who may write what is checked by the caller."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        if not author.is_agent:
            if ticket.status == Status.CLOSED:
                raise TicketClosed(ticket.pk)
            if ticket.status == Status.RESOLVED:
                status = Status.OPEN
        comment = Comment.objects.create(ticket=ticket, author=author, body=body, internal=internal)
        ticket_update(ticket=ticket, changes={"status": status} if status else {})
    comment.refresh_from_db(fields=["created_at"])
    return comment


def tickets_unassign(*, assignee: User) -> int:
    """Puts an agent's tickets back in the Unassigned queue; how many there were."""
    return Ticket.objects.filter(assignee=assignee).update(assignee=None, updated_at=timezone.now())
