from datetime import datetime

from accounts.models import Role, User
from accounts.services import user_create
from tickets.models import Ticket


def default_requester() -> User:
    return User.objects.filter(email="filer@example.com").first() or user_create(
        email="filer@example.com", name="Fiona Filer", role=Role.REQUESTER, password=None
    )


def make_ticket(*, created_at: datetime | None = None, **fields) -> Ticket:
    """A valid ticket with the given fields; created_at is set afterwards because the
    database fills it on INSERT."""
    values = {
        "title": "Cannot log in",
        "description": "The login page says my password is wrong.",
        "category": "account",
        "priority": "medium",
    }
    if "requester" not in fields:
        values["requester"] = default_requester()
    ticket = Ticket.objects.create(**(values | fields))
    if created_at is not None:
        Ticket.objects.filter(pk=ticket.pk).update(created_at=created_at)
        ticket.refresh_from_db()
    return ticket
