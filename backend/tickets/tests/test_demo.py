import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from accounts.demo import DEMO_PASSWORD
from accounts.models import Role, User
from tickets.models import Comment, Ticket
from tickets.selectors import ticket_stats
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def test_the_demo_fills_an_empty_desk_with_people_and_two_weeks_of_tickets(capsys):
    call_command("load_demo")
    people = {user.email: user for user in User.objects.all()}
    roles = sorted(user.role for user in people.values())
    assert roles == ["admin", "agent", "agent", "requester", "requester", "requester"]
    assert authenticate(email="admin@demo.example", password=DEMO_PASSWORD) is not None
    assert f"password: {DEMO_PASSWORD}" in capsys.readouterr().out

    stats = ticket_stats()
    assert stats["total_tickets"] >= 30
    assert all(stats["category_breakdown"].values())
    assert all(stats["priority_breakdown"].values())
    assert all(stats["status_breakdown"].values())
    assert (
        Ticket.objects.earliest("created_at").created_at.date()
        < Ticket.objects.latest("created_at").created_at.date()
    )
    # Numbers grow with time, as they do in real use.
    by_number = list(Ticket.objects.order_by("pk").values_list("created_at", flat=True))
    assert by_number == sorted(by_number)
    filers = Ticket.objects.order_by().values_list("requester__role", flat=True).distinct()
    assert list(filers) == [Role.REQUESTER]
    assert Ticket.objects.order_by().values("requester").distinct().count() == 3


def test_demo_tickets_have_owners_conversations_and_replies_waiting(client_as):
    call_command("load_demo")
    alex = User.objects.get(email="alex@demo.example")
    queues = client_as(alex).get("/api/tickets/queues/").json()
    # Enough work to fill a console, some of it Alex's, some nobody's yet.
    assert queues["open"] >= 15
    assert queues["mine"] >= 3
    assert queues["unassigned"] >= 3
    waiting = [t for t in client_as(alex).get("/api/tickets/").json()["results"] if t["unread"]]
    assert waiting, "no requester reply waits to be read"
    conversation = Comment.objects.filter(ticket_id=waiting[0]["id"])
    assert conversation.filter(author__role=Role.REQUESTER).exists()
    assert all(c.ticket.created_at <= c.created_at <= timezone.now() for c in Comment.objects.all())
    for ticket in Ticket.objects.all():
        suggested, created = client_as(alex).get(f"/api/tickets/{ticket.pk}/history/").json()
        assert suggested["event"] == "suggested"
        assert parse_datetime(created["at"]) == ticket.created_at
    assert Comment.objects.filter(internal=True).exists()


def test_demo_tickets_carry_suggestions_confirmations_and_some_triage(client_as):
    call_command("load_demo")
    alex = User.objects.get(email="alex@demo.example")
    done = Ticket.objects.filter(status__in=["resolved", "closed"])
    assert done.exists()
    assert not done.filter(labels_confirmed_at__isnull=True).exists()
    assert all(0 < ticket.confidence <= 1 for ticket in Ticket.objects.all())
    report = client_as(alex).get("/api/classifier/report/").json()
    assert report["confirmed_tickets"] == done.count()
    assert client_as(alex).get("/api/tickets/queues/").json()["triage"] >= 1


def test_the_demo_never_touches_a_desk_in_use_and_can_run_again():
    make_ticket()
    call_command("load_demo")
    call_command("load_demo")
    assert Ticket.objects.count() == 1
    assert User.objects.filter(email__endswith="@demo.example").count() == 6
