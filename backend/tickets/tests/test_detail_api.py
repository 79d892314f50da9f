import pytest

from tickets.models import Ticket
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def url(ticket_id: int) -> str:
    return f"/api/tickets/{ticket_id}/"


def test_get_returns_the_ticket(api):
    ticket = make_ticket(
        suggested_category="account", suggested_priority="medium", classified_by="rules"
    )
    response = api.get(url(ticket.pk))
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == ticket.pk
    assert body["title"] == ticket.title
    assert body["suggested_category"] == "account"
    assert body["classified_by"] == "rules"


def test_an_unknown_ticket_is_a_json_404(api):
    response = api.get(url(999_999))
    assert response.status_code == 404
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("status", "in_progress"),
        ("status", "resolved"),
        ("status", "closed"),
        ("status", "open"),
        ("category", "billing"),
        ("priority", "critical"),
        ("title", "Cannot log in on mobile"),
        ("description", "Only the iOS app fails."),
    ],
)
def test_patch_applies_each_accepted_field(api, field, value):
    ticket = make_ticket(status="in_progress" if value == "open" else "open")
    before = ticket.updated_at
    response = api.patch(url(ticket.pk), {field: value}, format="json")
    assert response.status_code == 200
    assert response.json()[field] == value
    ticket.refresh_from_db()
    assert getattr(ticket, field) == value
    assert ticket.updated_at > before


def test_patch_applies_several_fields_at_once(api):
    ticket = make_ticket()
    changes = {"status": "resolved", "category": "technical", "priority": "low"}
    assert api.patch(url(ticket.pk), changes, format="json").status_code == 200
    ticket.refresh_from_db()
    assert (ticket.status, ticket.category, ticket.priority) == ("resolved", "technical", "low")


@pytest.mark.parametrize(
    ("payload", "attr", "code"),
    [
        ({"status": "done"}, "status", "invalid_choice"),
        ({"category": None}, "category", "null"),
        ({"title": ""}, "title", "blank"),
        ({"title": "x" * 201}, "title", "max_length"),
        ({"description": "x" * 10_001}, "description", "max_length"),
        ({"title": 12}, "title", "invalid"),
        ({"suggested_category": "billing"}, "non_field_errors", "unknown_field"),
        ({"created_at": "2020-01-01T00:00:00Z"}, "non_field_errors", "unknown_field"),
        ({}, "non_field_errors", "empty"),
    ],
)
def test_patch_refuses_bad_or_unknown_fields_and_changes_nothing(api, payload, attr, code):
    ticket = make_ticket()
    response = api.patch(url(ticket.pk), payload, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["code"]) for e in response.json()["errors"]] == [(attr, code)]
    assert Ticket.objects.get(pk=ticket.pk).updated_at == ticket.updated_at


def test_patch_of_an_unknown_ticket_is_a_404(api):
    assert api.patch(url(424242), {"status": "closed"}, format="json").status_code == 404


@pytest.mark.parametrize("method", ["put", "delete"])
def test_other_methods_are_a_json_405(api, method):
    ticket = make_ticket()
    response = getattr(api, method)(url(ticket.pk), {"status": "closed"}, format="json")
    assert response.status_code == 405
    assert response.json()["errors"][0]["code"] == "method_not_allowed"
    assert Ticket.objects.filter(pk=ticket.pk, status="open").exists()
