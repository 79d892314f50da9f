"""The conversation on a ticket: public replies for everyone who may see the ticket,
internal notes for agents only, by every route."""

import pytest
from django.db import IntegrityError, connection, transaction

from accounts.models import Role
from accounts.tests.factories import make_person
from tickets.models import Comment, Status
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def ticket(requester):
    return make_ticket(requester=requester)


def comments(client, ticket) -> list[dict]:
    response = client.get(f"/api/tickets/{ticket.pk}/comments/")
    assert response.status_code == 200
    return response.json()["results"]


def test_replies_and_notes_read_oldest_first_with_their_authors(
    client_as, agent, requester, ticket
):
    as_agent, as_requester = client_as(agent), client_as(requester)
    asked = as_requester.post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Any news?"}, format="json"
    )
    assert asked.status_code == 201
    assert asked.json() | {"id": 0, "created_at": ""} == {
        "id": 0,
        "author": {"id": requester.pk, "name": requester.name, "email": requester.email},
        "body": "Any news?",
        "internal": False,
        "created_at": "",
    }
    as_agent.post(
        f"/api/tickets/{ticket.pk}/comments/",
        {"body": "Customer is on the old plan", "internal": True},
        format="json",
    )
    as_agent.post(f"/api/tickets/{ticket.pk}/comments/", {"body": "Fixed now."}, format="json")

    assert [c["body"] for c in comments(as_agent, ticket)] == [
        "Any news?",
        "Customer is on the old plan",
        "Fixed now.",
    ]
    assert [c["body"] for c in comments(as_requester, ticket)] == ["Any news?", "Fixed now."]


def test_a_requester_never_writes_an_internal_note_nor_sets_a_status(client_as, requester, ticket):
    for body in ({"body": "x", "internal": True}, {"body": "x", "status": "closed"}):
        response = client_as(requester).post(
            f"/api/tickets/{ticket.pk}/comments/", body, format="json"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["code"] == "not_allowed"
    assert not Comment.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_requesters_conversation_is_a_404(client_as, ticket, method):
    stranger = client_as(make_person(Role.REQUESTER))
    url = f"/api/tickets/{ticket.pk}/comments/"
    response = stranger.get(url) if method == "get" else stranger.post(url, {"body": "hi"})
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_anonymous_callers_get_a_401(anonymous, ticket):
    assert anonymous.get(f"/api/tickets/{ticket.pk}/comments/").status_code == 401


def test_a_requesters_reply_reopens_a_resolved_ticket(client_as, requester, ticket):
    ticket.status = Status.RESOLVED
    ticket.save()
    client_as(requester).post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Still broken"}, format="json"
    )
    ticket.refresh_from_db()
    assert ticket.status == Status.OPEN


def test_a_closed_ticket_takes_no_more_replies_from_its_requester(client_as, requester, ticket):
    ticket.status = Status.CLOSED
    ticket.save()
    response = client_as(requester).post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Hello?"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "ticket_closed"


def test_an_agent_replies_and_resolves_in_one_action(client_as, agent, ticket):
    before = ticket.updated_at
    response = client_as(agent).post(
        f"/api/tickets/{ticket.pk}/comments/",
        {"body": "Refunded.", "status": "resolved"},
        format="json",
    )
    assert response.status_code == 201
    ticket.refresh_from_db()
    assert ticket.status == Status.RESOLVED
    assert ticket.updated_at > before


@pytest.mark.parametrize(
    ("body", "attr"),
    [
        ({}, "body"),
        ({"body": ""}, "body"),
        ({"body": " \n "}, "body"),
        ({"body": 5}, "body"),
        ({"body": "x" * 10_001}, "body"),
        ({"body": "x", "internal": "yes"}, "internal"),
        ({"body": "x", "status": "done"}, "status"),
        ({"body": "x", "author": 1}, "non_field_errors"),
    ],
)
def test_bad_comments_are_400s_naming_the_field(api, ticket, body, attr):
    response = api.post(f"/api/tickets/{ticket.pk}/comments/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == attr
    assert not Comment.objects.exists()


@pytest.mark.parametrize("body", ["", "   ", "x" * 10_001])
def test_the_database_refuses_blank_or_oversized_bodies(agent, ticket, body):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO tickets_comment (ticket_id, author_id, body) VALUES (%s, %s, %s)",
            [ticket.pk, agent.pk, body],
        )


def test_comments_are_paged_by_cursor(api, agent, ticket):
    Comment.objects.bulk_create(
        Comment(ticket=ticket, author=agent, body=f"note {n}") for n in range(5)
    )
    first = api.get(f"/api/tickets/{ticket.pk}/comments/?page_size=2").json()
    assert [c["body"] for c in first["results"]] == ["note 0", "note 1"]
    second = api.get(first["next"]).json()
    assert [c["body"] for c in second["results"]] == ["note 2", "note 3"]
