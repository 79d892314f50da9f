import json
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from tickets.models import Ticket

DEMO_FILE = Path(__file__).resolve().parents[2] / "fixtures" / "demo_tickets.json"


class Command(BaseCommand):
    help = "Load a few dozen sample tickets from the last two weeks into an empty database."

    def handle(self, *args, **options):
        if Ticket.objects.exists():
            self.stdout.write("The database already has tickets: no demo tickets loaded.")
            return
        now = timezone.now()
        samples = json.loads(DEMO_FILE.read_text())
        tickets = []
        for position, sample in enumerate(samples):
            # Spread over the past days; within a day the file lists the newest first.
            created = now - timedelta(days=sample.pop("days_ago"), minutes=position * 7)
            tickets.append(Ticket(**sample, created_at=created, updated_at=created))
        # Oldest first, so ticket numbers grow with time as they do in real use.
        Ticket.objects.bulk_create(reversed(tickets))
        self.stdout.write(f"Loaded {len(tickets)} demo tickets.")
