from typing import Any

from django.utils import timezone

from classifier import classify
from tickets.models import Ticket


def ticket_create(
    *,
    title: str,
    description: str,
    category: str | None = None,
    priority: str | None = None,
    suggested_category: str | None = None,
    suggested_priority: str | None = None,
    classified_by: str | None = None,
) -> Ticket:
    """Create a ticket. A missing category or priority is filled in by the classifier,
    whose suggestion is then recorded in place of any the client sent.

    Classification runs before the INSERT so no transaction stays open while a model
    thinks; it cannot fail (the keyword rules always answer).
    """
    if category is None or priority is None:
        suggestion = classify(title, description)
        category = category or suggestion.category
        priority = priority or suggestion.priority
        suggested_category = suggestion.category
        suggested_priority = suggestion.priority
        classified_by = suggestion.backend
    return Ticket.objects.create(
        title=title,
        description=description,
        category=category,
        priority=priority,
        suggested_category=suggested_category,
        suggested_priority=suggested_priority,
        classified_by=classified_by,
    )


def ticket_update(*, ticket: Ticket, changes: dict[str, Any]) -> Ticket:
    """Apply every given change; `updated_at` moves with them."""
    for field, value in changes.items():
        setattr(ticket, field, value)
    ticket.updated_at = timezone.now()
    ticket.save(update_fields=[*changes, "updated_at"])
    return ticket
