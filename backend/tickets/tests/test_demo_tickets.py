import pytest
from django.core.management import call_command

from tickets.models import Ticket
from tickets.selectors import ticket_stats
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_demo_tickets_fill_an_empty_desk_across_two_weeks():
    call_command("load_demo_tickets")
    stats = ticket_stats()
    assert stats["total_tickets"] >= 30
    assert all(stats["category_breakdown"].values())
    assert all(stats["priority_breakdown"].values())
    assert all(stats["status_breakdown"].values())
    assert (
        Ticket.objects.earliest("created_at").created_at.date()
        < Ticket.objects.latest("created_at").created_at.date()
    )


def test_demo_tickets_never_touch_a_desk_in_use():
    make_ticket()
    call_command("load_demo_tickets")
    assert Ticket.objects.count() == 1
