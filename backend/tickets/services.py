from typing import Any

from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone

from accounts.models import User
from classifier import classify_at_once
from tickets import learning, notifications, triage
from tickets.models import Comment, Status, Ticket, TicketRead

# The changes people are told about (notifications.ticket_changed), by model attribute.
NOTIFIED = {"status": "status", "assignee": "assignee_id"}


def ticket_create(
    *,
    requester: User,
    title: str,
    description: str,
    category: str | None = None,
    priority: str | None = None,
    filed_by: User | None = None,
) -> Ticket:
    """Create a ticket with the classifier's suggestion and its provenance recorded
    beside the final labels; a category or priority the client chose overrides the
    suggestion's. Filed by its requester (`filed_by`, by default), it is their first
    word: unread to agents. An agent filing it with both labels chosen confirms them; an
    unsure suggestion taken unchanged puts it in the Triage queue.

    The suggestion is always the server's own, so a client cannot skew the agreement
    figures. It never waits on a language model: text just classified while the
    requester typed is answered from the shared cache; otherwise the ticket is filed
    with the learned model's or the rules' suggestion and, while a language model may
    answer, marked `classifying` for the worker to ask it (tickets.triage). Creating a
    ticket cannot fail for the classifier: the rules always answer.
    """
    suggestion, waiting = classify_at_once(title, description)
    chosen = bool(category and priority)
    filer = filed_by or requester
    confirmed = chosen and filer.is_agent
    with transaction.atomic():
        ticket = Ticket.objects.create(
            requester=requester,
            title=title,
            description=description,
            category=category or suggestion.category,
            priority=priority or suggestion.priority,
            **triage.suggestion_fields(suggestion),
            # An unsure suggestion taken as it is waits for an agent in the Triage queue.
            needs_triage=suggestion.unsure and not chosen,
            classifying=waiting,
            labels_confirmed_at=timezone.now() if confirmed else None,
            labels_confirmed_by=filer if confirmed else None,
            # The same moment as created_at: both are the transaction's start.
            requester_replied_at=Now() if filer == requester else None,
        )
        if waiting:
            left = {"category": category, "priority": priority}
            triage.queue(ticket, fill=[label for label, value in left.items() if not value])
        if confirmed:
            learning.retrain_if_due()
    return ticket


def ticket_update(*, ticket: Ticket, changes: dict[str, Any], actor: User | None = None) -> Ticket:
    """Apply every given change; `updated_at` moves with them. The requester hears of a
    resolution and an agent of an assignment (by `actor`, who is not told of their own).

    The row is locked and compared as it is now, not as `ticket` was read: of two
    requests resolving or reassigning it at once, only the first mails anyone."""
    with transaction.atomic():
        now = (
            Ticket.objects.select_for_update()
            .only(*NOTIFIED.values(), "labels_confirmed_at")
            .get(pk=ticket.pk)
        )
        before = _notified_values(now, changes)
        confirmed = learning.confirmation(now, changes, actor)
        _save(ticket, changes | confirmed)
        notifications.ticket_changed(ticket, before, actor=actor)
        if confirmed:
            learning.retrain_if_due()
    return ticket


def _notified_values(ticket: Ticket, changes: dict[str, Any]) -> dict[str, Any]:
    return {
        NOTIFIED[field]: getattr(ticket, NOTIFIED[field]) for field in changes.keys() & NOTIFIED
    }


def _save(ticket: Ticket, changes: dict[str, Any]) -> None:
    for field, value in changes.items():
        setattr(ticket, field, value)
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*changes, "updated_at"])


class TicketsMissing(LookupError):
    """Some of the tickets to change do not exist (their ids are the argument)."""


def tickets_bulk_update(*, ids: list[int], changes: dict[str, Any], actor: User) -> list[Ticket]:
    """The same changes on several tickets, all or none, in one UPDATE; in the order of
    `ids`. Each ticket's people are told as by ticket_update."""
    with transaction.atomic():
        # Locked in id order, so two bulk changes cannot deadlock each other.
        tickets = (
            Ticket.objects.select_for_update(of=("self",))
            .select_related("requester", "assignee", "last_reply_by", "labels_confirmed_by")
            .order_by("pk")
            .in_bulk(ids)
        )
        missing = [pk for pk in ids if pk not in tickets]
        if missing:
            raise TicketsMissing(missing)
        before = {pk: _notified_values(ticket, changes) for pk, ticket in tickets.items()}
        now = timezone.now()
        Ticket.objects.filter(pk__in=tickets).update(**changes, updated_at=now)
        # Resolving or closing keeps the labels of those not confirmed yet.
        confirming = {
            pk: confirmed
            for pk, ticket in tickets.items()
            if (confirmed := learning.confirmation(ticket, changes, actor))
        }
        if confirming:
            Ticket.objects.filter(pk__in=confirming).update(**next(iter(confirming.values())))
        for pk, ticket in tickets.items():
            for field, value in changes.items() | confirming.get(pk, {}).items():
                setattr(ticket, field, value)
            ticket.updated_at = now
            notifications.ticket_changed(ticket, before[pk], actor=actor)
        if confirming:
            learning.retrain_if_due()
    return [tickets[pk] for pk in dict.fromkeys(ids)]


class TicketClosed(ValueError):
    """A requester answered a closed ticket: it is over, a new one is needed."""


def comment_create(
    *, ticket: Ticket, author: User, body: str, internal: bool = False, status: str | None = None
) -> Comment:
    """A reply or internal note on a ticket. A reply moves the ticket's updated_at and
    last reply; a note alone changes nothing a requester sees. A requester's reply
    reopens a resolved ticket; an agent may set the status in the same action ("reply
    and resolve"). Who may write what is checked by the caller. The other side is
    mailed (see notifications)."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
        reopened = False
        if not author.is_agent:
            if ticket.status == Status.CLOSED:
                raise TicketClosed(ticket.pk)
            if ticket.status == Status.RESOLVED:
                status, reopened = Status.OPEN, True
        comment = Comment.objects.create(ticket=ticket, author=author, body=body, internal=internal)
        comment.refresh_from_db(fields=["created_at"])
        changes: dict[str, Any] = ({"status": status} if status else {}) | reply_changes(comment)
        resolved = status == Status.RESOLVED and ticket.status != Status.RESOLVED
        confirmed = learning.confirmation(ticket, changes, author)
        if changes:
            _save(ticket, changes | confirmed)
        if confirmed:
            learning.retrain_if_due()
        # The reply's own mail says it resolved the ticket: no second mail for that.
        notifications.comment_added(comment, resolved=resolved, reopened=reopened)
    return comment


def reply_changes(comment: Comment) -> dict[str, Any]:
    """What a comment changes on its ticket: a public reply is its last reply, and a
    requester's reply is unread to agents until they open the ticket."""
    changes: dict[str, Any] = {}
    if not comment.internal:
        changes |= {"last_reply_at": comment.created_at, "last_reply_by": comment.author}
    if comment.author_id == comment.ticket.requester_id:
        changes["requester_replied_at"] = comment.created_at
    return changes


def ticket_mark_read(*, ticket: Ticket, reader: User) -> None:
    """The reader has seen the requester's replies up to those `ticket` holds (as read
    for this request).

    The mark is the time of the last requester reply it holds, not the clock: a reply
    is stamped when its transaction starts, so one committed just after this mark may
    carry an earlier time than the clock, and would never show as unread. With nothing
    from the requester yet, the mark is the ticket's start, which any reply comes after."""
    TicketRead.objects.update_or_create(
        user=reader,
        ticket=ticket,
        defaults={"read_at": ticket.requester_replied_at or ticket.created_at},
    )


def tickets_unassign(*, assignee: User) -> int:
    """Puts an agent's tickets back in the Unassigned queue; how many there were."""
    return Ticket.objects.filter(assignee=assignee).update(assignee=None, updated_at=timezone.now())
