import json
from datetime import timedelta
from itertools import cycle
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, demo_people_create
from accounts.models import Role
from tickets.models import Ticket

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_tickets.json"


class Command(BaseCommand):
    help = (
        "Add the demo people (an admin, two agents, three requesters) and, into an empty "
        "desk, a few dozen sample tickets from the last two weeks, filed by the requesters."
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
        requesters = cycle(person for person in people if person.role == Role.REQUESTER)
        now = timezone.now()
        samples = json.loads(DEMO_FILE.read_text())
        tickets = []
        for position, sample in enumerate(samples):
            # Spread over the past days; within a day the file lists the newest first.
            created = now - timedelta(days=sample.pop("days_ago"), minutes=position * 7)
            tickets.append(
                Ticket(**sample, requester=next(requesters), created_at=created, updated_at=created)
            )
        # Oldest first, so ticket numbers grow with time as they do in real use.
        Ticket.objects.bulk_create(reversed(tickets))
        self.stdout.write(f"Loaded {len(tickets)} demo tickets.")
