"""A ticket's history as people read it: each recorded change with who made it.

The rows come from TicketEvent, written by database triggers (pghistory) on every
insert and update of a ticket, whoever makes it; the request's person, if any, is in
the event's context. Here consecutive snapshots become "field: old → new"."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from accounts.models import User
from tickets.models import Ticket

# What a person reads in the history, in this order; the suggestion's columns are the
# classifier's part of a created ticket.
PERSON_FIELDS = ["title", "description", "category", "priority", "status", "requester", "assignee"]
SUGGESTION_FIELDS = ["suggested_category", "suggested_priority", "classified_by"]
PEOPLE_FIELDS = {"requester", "assignee"}


@dataclass
class Change:
    field: str
    old: Any
    new: Any
    # For category and priority on a classified ticket's creation: whether the person
    # kept what the classifier suggested. None elsewhere.
    kept_suggestion: bool | None = None


@dataclass
class Entry:
    id: int
    at: datetime
    event: str  # "created" or "changed"
    actor: dict
    changes: list[Change] = field(default_factory=list)


def ticket_history(ticket: Ticket) -> list[Entry]:
    """Oldest first. A created ticket that the classifier labelled starts with the
    classifier's entry (its suggestion), then the person's (the labels they kept or
    chose)."""
    events = list(ticket.events.select_related("pgh_context").order_by("pgh_created_at", "pgh_id"))
    people = _people(events)
    entries: list[Entry] = []
    previous = None
    for event in events:
        actor = _actor(event, people)
        if previous is None:
            entries.extend(_created(event, actor, people))
        else:
            changes = [
                Change(name, _value(previous, name, people), _value(event, name, people))
                for name in PERSON_FIELDS + SUGGESTION_FIELDS
                if _raw(previous, name) != _raw(event, name)
            ]
            if changes:
                entries.append(Entry(event.pgh_id, event.pgh_created_at, "changed", actor, changes))
        previous = event
    return entries


def _created(event, actor: dict, people: dict[int, User]) -> list[Entry]:
    entries = []
    if event.classified_by:
        suggested = [Change(name, None, _raw(event, name)) for name in SUGGESTION_FIELDS]
        entries.append(
            Entry(event.pgh_id, event.pgh_created_at, "suggested", CLASSIFIER, suggested)
        )
    changes = [
        Change(name, None, _value(event, name, people))
        for name in PERSON_FIELDS
        if _raw(event, name) is not None
    ]
    if event.classified_by:
        for change in changes:
            suggested = getattr(event, f"suggested_{change.field}", None)
            if suggested is not None:
                change.kept_suggestion = change.new == suggested
    entries.append(Entry(event.pgh_id, event.pgh_created_at, "created", actor, changes))
    return entries


CLASSIFIER = {"kind": "classifier", "id": None, "name": "Classifier"}
SYSTEM = {"kind": "system", "id": None, "name": "System"}


def _actor(event, people: dict[int, User]) -> dict:
    """The person whose request made the change; the classifier for its answer from the
    worker (tickets.triage); the system for changes made outside any request (raw SQL,
    imports, migrations)."""
    metadata = event.pgh_context.metadata if event.pgh_context else {}
    if "classifier" in metadata:
        return CLASSIFIER
    user_id = metadata.get("user")
    person = people.get(user_id)
    if person is None:
        return SYSTEM
    return {"kind": "person", "id": person.pk, "name": person.name}


def _people(events) -> dict[int, User]:
    ids = {event.requester_id for event in events} | {event.assignee_id for event in events}
    ids |= {
        event.pgh_context.metadata.get("user")
        for event in events
        if event.pgh_context and event.pgh_context.metadata.get("user")
    }
    return {user.pk: user for user in User.objects.filter(pk__in=ids - {None})}


def _raw(event, name: str):
    return getattr(event, f"{name}_id") if name in PEOPLE_FIELDS else getattr(event, name)


def _value(event, name: str, people: dict[int, User]):
    value = _raw(event, name)
    if name in PEOPLE_FIELDS and value is not None:
        person = people.get(value)
        return {"id": value, "name": person.name if person else None}
    return value
