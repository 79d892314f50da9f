import json
from datetime import timedelta
from itertools import cycle
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, demo_people_create
from accounts.models import Role, User
from classifier.base import is_unsure
from classifier.rules import RulesClassifier
from tickets import learning
from tickets.models import Comment, Ticket, TicketEvent
from tickets.services import reply_changes

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_tickets.json"


class Command(BaseCommand):
    help = (
        "Add the demo people (an admin, two agents, three requesters) and, into an empty "
        "desk, a few dozen sample tickets from the last two weeks, filed by the requesters, "
        "some assigned to the agents and some with a conversation."
    )

    def handle(self, *args, **options):
        people = demo_people_create()
        self.stdout.write(f"Demo people (password: {DEMO_PASSWORD}):")
        roles = list(Role)
        for person in sorted(people, key=lambda p: (-roles.index(p.role), p.email)):
            self.stdout.write(f"  {person.email:<22} {person.name} ({person.role})")
        if Ticket.objects.exists():
            self.stdout.write("The database already has tickets: no demo tickets loaded.")
            return
        with transaction.atomic():
            count = _load_tickets(people)
        self.stdout.write(f"Loaded {count} demo tickets.")


def _suggestion(sample: dict, assignee: User | None, agent: User, last_word) -> dict:
    """What the keyword rules suggest for a sample (the rules, so a demo never waits
    for a model); resolved and closed ones were confirmed by their agent, and an
    unassigned open one that the rules were unsure of waits in the Triage queue."""
    labels = RulesClassifier().classify(sample["title"], sample["description"])
    done = sample["status"] in learning.FINAL
    unsure = is_unsure(labels.confidence, settings.CLASSIFIER_CONFIDENCE_THRESHOLD)
    return {
        "suggested_category": labels.category,
        "suggested_priority": labels.priority,
        "classified_by": RulesClassifier.backend,
        "confidence": labels.confidence,
        "labels_confirmed_at": last_word if done else None,
        "labels_confirmed_by": (assignee or agent) if done else None,
        "needs_triage": unsure and not done and assignee is None,
    }


def _load_tickets(people: list[User]) -> int:
    """The sample tickets, with their assignees and conversations (the file names the
    agents by the local part of their address; "requester" is the ticket's own)."""
    requesters = cycle(person for person in people if person.role == Role.REQUESTER)
    agents = {person.email.split("@")[0]: person for person in people if person.is_agent}
    now = timezone.now()
    samples = json.loads(DEMO_FILE.read_text())
    tickets, conversations = [], []
    for position, sample in enumerate(samples):
        conversation = sample.pop("conversation", [])
        conversations.append(conversation)
        # Spread over the past days; within a day the file lists the newest first. A
        # ticket is old enough for its whole conversation to have happened.
        talk = max((message["hours"] for message in conversation), default=0)
        created = now - timedelta(days=sample.pop("days_ago"), minutes=position * 7, hours=talk)
        assignee = agents.get(sample.pop("assignee", None))
        ticket = Ticket(
            **sample,
            **_suggestion(sample, assignee, agents["alex"], created + timedelta(hours=talk)),
            requester=next(requesters),
            assignee=assignee,
            created_at=created,
            updated_at=created,
        )
        tickets.append(ticket)
    # Oldest first, so ticket numbers grow with time as they do in real use.
    Ticket.objects.bulk_create(sorted(tickets, key=lambda ticket: ticket.created_at))
    # Their history says they were created when they say they were, not now.
    TicketEvent.objects.filter(pgh_obj__in=tickets).update(
        pgh_created_at=Subquery(
            Ticket.objects.filter(pk=OuterRef("pgh_obj_id")).values("created_at")[:1]
        )
    )
    for ticket, conversation in zip(tickets, conversations, strict=True):
        changes = {}
        for message in conversation:
            author = ticket.requester if message["by"] == "requester" else agents[message["by"]]
            comment = Comment.objects.create(
                ticket=ticket,
                author=author,
                body=message["body"],
                internal=message.get("internal", False),
                created_at=ticket.created_at + timedelta(hours=message["hours"]),
            )
            changes |= reply_changes(comment)
        if changes:  # a public reply: the ticket was last updated by the last one
            Ticket.objects.filter(pk=ticket.pk).update(
                **changes, updated_at=changes["last_reply_at"]
            )
    return len(tickets)
