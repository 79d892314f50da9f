"""Mail about a ticket to the people it concerns, sent by the background worker.

Each mail is queued as a task in the same transaction as the change that causes it, so
a change that rolls back sends nothing and a committed one cannot lose its mail; the
request that caused it never waits for, or fails because of, the mail server.

Who hears of what:
- the requester, when an agent replies publicly or resolves the ticket;
- the assignee, when the ticket is assigned to them by someone else, or its requester
  replies.
Nobody is mailed about their own action, and deactivated people get nothing.
"""

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django_tasks import task

from accounts.models import User
from tickets.models import Comment, Status, Ticket

logger = logging.getLogger(__name__)

# A mail server that is down is tried again after 1, 2, 4, 8 minutes, then given up.
MAIL_ATTEMPTS = 5


@task()
def deliver_mail(*, to: str, subject: str, body: str, attempt: int = 1) -> None:
    try:
        send_mail(subject, body, None, [to])
    except (SMTPException, OSError) as error:
        if attempt >= MAIL_ATTEMPTS:
            logger.error("Gave up mailing %s after %d attempts: %s", to, attempt, error)
            return
        retry_at = timezone.now() + timedelta(minutes=2 ** (attempt - 1))
        logger.warning("Mail to %s failed (%s); trying again at %s", to, error, retry_at)
        deliver_mail.using(run_after=retry_at).enqueue(
            to=to, subject=subject, body=body, attempt=attempt + 1
        )


def _send(recipient: User | None, actor: User | None, ticket: Ticket, subject: str, body: str):
    if recipient is None or not recipient.is_active or recipient == actor:
        return
    # A title may hold line breaks, which a mail header cannot.
    title = " ".join(ticket.title.split())
    deliver_mail.enqueue(
        to=recipient.email,
        subject=f"[#{ticket.pk}] {subject}: {title}",
        body=f"{body}\n\n{settings.DESK_URL}/tickets/{ticket.pk}\n",
    )


def comment_added(comment: Comment, *, resolved: bool = False, reopened: bool = False) -> None:
    """A reply or note was written; `resolved` if it also resolved the ticket, and
    `reopened` if it was a requester's answer to a resolved one."""
    ticket, author = comment.ticket, comment.author
    if comment.internal:
        if resolved:
            ticket_resolved(ticket, actor=author)
        return
    if author == ticket.requester:
        _send(
            ticket.assignee,
            author,
            ticket,
            "Reopened" if reopened else "New reply",
            f"{author.name} replied:\n\n{comment.body}",
        )
    elif author.is_agent:
        ending = (
            "\n\nWe have marked this ticket resolved. If it is not, reply on the desk "
            "(link below) to reopen it."
            if resolved
            else ""
        )
        _send(
            ticket.requester,
            author,
            ticket,
            "Resolved" if resolved else "New reply",
            f"{author.name} replied:\n\n{comment.body}{ending}",
        )


def ticket_resolved(ticket: Ticket, *, actor: User | None) -> None:
    _send(
        ticket.requester,
        actor,
        ticket,
        "Resolved",
        "Your ticket was marked resolved. If it is not, reply on the desk (link below) to "
        "reopen it.",
    )


def ticket_assigned(ticket: Ticket, *, actor: User | None) -> None:
    by = f" by {actor.name}" if actor else ""
    _send(
        ticket.assignee,
        actor,
        ticket,
        "Assigned to you",
        f"This ticket was assigned to you{by}.\n\n{ticket.description}",
    )


def ticket_changed(ticket: Ticket, before: dict, *, actor: User | None) -> None:
    """After a change of status or assignee (`before`: their old values)."""
    if "status" in before and before["status"] != Status.RESOLVED == ticket.status:
        ticket_resolved(ticket, actor=actor)
    if "assignee_id" in before and before["assignee_id"] != ticket.assignee_id:
        ticket_assigned(ticket, actor=actor)
