"""Every change to a ticket is in its history, with who made it: through the API, by
raw SQL or bulk updates too, since database triggers record them."""

import pytest
from django.db import connection

from tickets.models import Ticket
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

REFUND = {"title": "Charged twice", "description": "I was charged twice, please refund"}


def history(api, ticket_id: int) -> list[dict]:
    response = api.get(f"/api/tickets/{ticket_id}/history/")
    assert response.status_code == 200
    return response.json()


def test_a_created_ticket_starts_with_the_suggestion_and_what_the_person_kept(
    client_as, requester, api
):
    created = (
        client_as(requester)
        .post("/api/tickets/", REFUND | {"priority": "low"}, format="json")
        .json()
    )
    suggested, filed = history(api, created["id"])

    assert suggested["event"] == "suggested"
    assert suggested["actor"] == {"kind": "classifier", "id": None, "name": "Classifier"}
    assert {c["field"]: c["new"] for c in suggested["changes"]} == {
        "suggested_category": created["suggested_category"],
        "suggested_priority": created["suggested_priority"],
        "classified_by": "rules",
    }

    assert filed["event"] == "created"
    assert filed["actor"] == {"kind": "person", "id": requester.pk, "name": requester.name}
    changes = {c["field"]: c for c in filed["changes"]}
    assert changes["category"]["kept_suggestion"] is True
    assert changes["priority"] == {
        "field": "priority",
        "old": None,
        "new": "low",
        "kept_suggestion": created["suggested_priority"] == "low",
    }
    assert changes["requester"]["new"] == {"id": requester.pk, "name": requester.name}
    assert changes["title"]["kept_suggestion"] is None


def test_an_agents_changes_are_theirs_field_by_field(api, agent):
    ticket = make_ticket()
    api.patch(
        f"/api/tickets/{ticket.pk}/",
        {"status": "in_progress", "assignee": agent.pk},
        format="json",
    )
    api.post(
        f"/api/tickets/{ticket.pk}/comments/", {"body": "Done", "status": "resolved"}, format="json"
    )
    *_, assigned, resolved = history(api, ticket.pk)
    assert assigned["actor"]["id"] == agent.pk
    assert [(c["field"], c["old"], c["new"]) for c in assigned["changes"]] == [
        ("status", "open", "in_progress"),
        ("assignee", None, {"id": agent.pk, "name": agent.name}),
    ]
    assert [(c["field"], c["old"], c["new"]) for c in resolved["changes"]] == [
        ("status", "in_progress", "resolved")
    ]


def test_changes_made_outside_the_api_are_recorded_as_the_systems(api):
    ticket = make_ticket()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE tickets_ticket SET priority = 'critical' WHERE id = %s", [ticket.pk])
    Ticket.objects.filter(pk=ticket.pk).update(status="closed")
    *_, by_sql, by_bulk_update = history(api, ticket.pk)
    for entry in (by_sql, by_bulk_update):
        assert entry["actor"] == {"kind": "system", "id": None, "name": "System"}
    assert by_sql["changes"][0] | {"kept_suggestion": None} == {
        "field": "priority",
        "old": "medium",
        "new": "critical",
        "kept_suggestion": None,
    }
    assert by_bulk_update["changes"][0]["new"] == "closed"


def test_saving_without_a_change_records_nothing(api):
    ticket = make_ticket()
    ticket.save()
    Ticket.objects.filter(pk=ticket.pk).update(updated_at=ticket.created_at)
    assert [entry["event"] for entry in history(api, ticket.pk)] == ["created"]


@pytest.mark.parametrize(("role", "status"), [("requester", 403), (None, 401)])
def test_history_is_for_agents(client_as, anonymous, requester, role, status):
    ticket = make_ticket(requester=requester)
    caller = client_as(requester) if role else anonymous
    assert caller.get(f"/api/tickets/{ticket.pk}/history/").status_code == status


def test_an_unknown_tickets_history_is_a_404(api):
    assert api.get("/api/tickets/999999/history/").status_code == 404
