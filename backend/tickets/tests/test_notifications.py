"""Mail about tickets, sent by the background worker through a real SMTP server: who
hears of what, and that the request causing a mail never waits for the mail server."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from accounts.tests.factories import make_person
from config.tests.live_server import free_port
from config.tests.mailbox import smtp_server
from tickets.models import Ticket
from tickets.services import ticket_update
from tickets.tests.factories import make_ticket

# The worker closes its database connection between tasks, as it does in production,
# so these tests commit instead of running inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def mailbox(settings):
    with smtp_server() as (box, mail_env):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST = mail_env["EMAIL_HOST"]
        settings.EMAIL_PORT = int(mail_env["EMAIL_PORT"])
        settings.EMAIL_USE_TLS = False
        settings.DESK_URL = "https://desk.example"
        yield box


def run_worker() -> None:
    """What `manage.py db_worker` does, for the tasks queued so far."""
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)


def subjects(mailbox, person) -> list[str]:
    return [message["Subject"] for message in mailbox.to(person.email)]


@pytest.fixture
def ticket(requester, agent):
    return make_ticket(requester=requester, assignee=agent, title="Printer on fire")


def test_an_agents_public_reply_mails_the_requester_with_the_reply_and_a_link(
    api, mailbox, ticket, requester, agent
):
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Unplug it, please."}, "json")
    assert mailbox.messages == []  # nothing is sent during the request
    run_worker()
    [mail] = mailbox.to(requester.email)
    assert mail["Subject"] == f"[#{ticket.pk}] New reply: Printer on fire"
    text = mailbox.text(mail)
    assert "Alex Agent replied" in text
    assert "Unplug it, please." in text
    assert f"https://desk.example/tickets/{ticket.pk}" in text
    assert subjects(mailbox, agent) == []  # not told of their own reply


def test_an_internal_note_mails_nobody(api, mailbox, ticket):
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Psst", "internal": True}, "json")
    run_worker()
    assert mailbox.messages == []


def test_reply_and_resolve_sends_one_mail_saying_both(api, mailbox, ticket, requester):
    api.post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Fixed.", "status": "resolved"}, "json"
    )
    run_worker()
    [mail] = mailbox.to(requester.email)
    assert mail["Subject"].startswith(f"[#{ticket.pk}] Resolved")
    assert "Fixed." in mailbox.text(mail)
    assert "reply on the desk (link below) to reopen it" in mailbox.text(mail)


def test_resolving_by_patch_or_in_bulk_mails_the_requester(api, mailbox, requester):
    one, other = make_ticket(requester=requester), make_ticket(requester=requester)
    api.patch(f"/api/tickets/{one.pk}/", {"status": "resolved"}, "json")
    api.post("/api/tickets/bulk/", {"ids": [other.pk], "status": "resolved"}, "json")
    api.patch(f"/api/tickets/{one.pk}/", {"status": "resolved"}, "json")  # no change: no mail
    run_worker()
    assert sorted(subjects(mailbox, requester)) == sorted(
        [f"[#{one.pk}] Resolved: {one.title}", f"[#{other.pk}] Resolved: {other.title}"]
    )


def test_the_requester_replying_mails_the_assignee(client_as, mailbox, ticket, agent):
    client_as(ticket.requester).post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Still burning"}, "json"
    )
    run_worker()
    [mail] = mailbox.to(agent.email)
    assert mail["Subject"] == f"[#{ticket.pk}] New reply: Printer on fire"
    assert "Still burning" in mailbox.text(mail)
    assert subjects(mailbox, ticket.requester) == []


def test_a_requester_answering_a_resolved_ticket_tells_the_assignee_it_reopened(
    client_as, mailbox, ticket, agent
):
    Ticket.objects.filter(pk=ticket.pk).update(status="resolved")
    client_as(ticket.requester).post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Not fixed"}, "json"
    )
    run_worker()
    assert subjects(mailbox, agent) == [f"[#{ticket.pk}] Reopened: Printer on fire"]


def test_a_reply_on_an_unassigned_ticket_mails_nobody(client_as, mailbox, requester):
    ticket = make_ticket(requester=requester)
    client_as(requester).post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Hi"}, "json")
    run_worker()
    assert mailbox.messages == []


def test_assigning_mails_the_new_assignee_but_not_someone_taking_it_themselves(
    client_as, api, mailbox, agent, admin
):
    ticket = make_ticket()
    client_as(admin).patch(f"/api/tickets/{ticket.pk}/", {"assignee": agent.pk}, "json")
    taken = make_ticket()
    api.patch(f"/api/tickets/{taken.pk}/", {"assignee": agent.pk}, "json")
    bulk = make_ticket()
    client_as(admin).post("/api/tickets/bulk/", {"ids": [bulk.pk], "assignee": agent.pk}, "json")
    run_worker()
    assert sorted(subjects(mailbox, agent)) == sorted(
        [f"[#{pk}] Assigned to you: {ticket.title}" for pk in (ticket.pk, bulk.pk)]
    )
    assert "by Ada Admin" in mailbox.text(mailbox.to(agent.email)[0])


def test_deactivated_people_get_no_mail(api, mailbox, requester):
    ticket = make_ticket(requester=requester)
    requester.is_active = False
    requester.save()
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Done"}, "json")
    run_worker()
    assert mailbox.messages == []


def test_a_change_that_fails_queues_no_mail(api, mailbox, requester):
    ticket = make_ticket(requester=requester)
    response = api.post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Done", "status": "shipped"}, "json"
    )
    assert response.status_code == 400
    assert not DBTaskResult.objects.exists()


def test_a_mail_server_that_is_down_fails_no_request_and_is_tried_again(
    api, settings, mailbox, ticket, requester
):
    working_port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # nothing listens there
    response = api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "On it"}, "json")
    assert response.status_code == 201
    run_worker()
    assert mailbox.messages == []
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.task_result.kwargs["attempt"] == 2
    assert retry.run_after > timezone.now() + timedelta(seconds=50)

    # The server is back by the time the retry is due.
    settings.EMAIL_PORT = working_port
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_worker()
    assert subjects(mailbox, requester) == [f"[#{ticket.pk}] New reply: Printer on fire"]


def test_requesters_and_agents_of_other_tickets_hear_nothing(client_as, api, mailbox, ticket):
    bystander = make_person(Role.AGENT)
    other_requester = make_person(Role.REQUESTER)
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Done", "status": "resolved"}, "json")
    run_worker()
    assert mailbox.to(bystander.email) == mailbox.to(other_requester.email) == []


def test_a_title_with_line_breaks_makes_a_one_line_subject(api, mailbox, requester):
    ticket = make_ticket(requester=requester, title="Broken\r\nBcc: everyone@example.com")
    api.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Looking"}, "json")
    run_worker()
    [mail] = mailbox.to(requester.email)
    assert mail["Subject"] == f"[#{ticket.pk}] New reply: Broken Bcc: everyone@example.com"
    assert mail["Bcc"] is None


def test_a_change_rolled_back_after_queueing_its_mail_sends_nothing(api, mailbox, requester):
    ticket = make_ticket(requester=requester)

    queued = []

    class Abandoned(Exception):
        pass

    def resolve_then_fail():
        with transaction.atomic():
            ticket_update(ticket=ticket, changes={"status": "resolved"}, actor=None)
            queued.append(DBTaskResult.objects.count())
            raise Abandoned

    with pytest.raises(Abandoned):
        resolve_then_fail()
    assert queued == [1]  # the mail was queued, in the transaction that failed
    run_worker()
    assert not DBTaskResult.objects.exists()
    assert mailbox.messages == []


def test_two_requests_resolving_at_once_mail_once(api, mailbox, requester, agent):
    ticket = make_ticket(requester=requester)
    stale = Ticket.objects.get(pk=ticket.pk)  # read before the first request resolves it
    ticket_update(ticket=ticket, changes={"status": "resolved"}, actor=agent)
    ticket_update(ticket=stale, changes={"status": "resolved"}, actor=agent)
    run_worker()
    assert subjects(mailbox, requester) == [f"[#{ticket.pk}] Resolved: {ticket.title}"]
