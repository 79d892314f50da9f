import json

import pytest

from tickets.models import Ticket

pytestmark = pytest.mark.django_db

URL = "/api/tickets/"
BILLING = {
    "title": "Charged twice for my subscription",
    "description": "I was charged twice this month. Please refund the duplicate invoice.",
}


def only_error(response) -> dict:
    body = response.json()
    assert body["type"] == "validation_error"
    return {error["attr"]: error["code"] for error in body["errors"]}


def test_create_with_final_values_records_the_servers_own_suggestion(api):
    response = api.post(URL, BILLING | {"category": "account", "priority": "low"}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "open"
    ticket = Ticket.objects.get(pk=body["id"])
    assert (ticket.category, ticket.priority) == ("account", "low")
    assert (ticket.suggested_category, ticket.suggested_priority) == ("billing", "high")
    assert ticket.classified_by == "rules"
    assert body["created_at"] == body["updated_at"]


@pytest.mark.parametrize("field", ["suggested_category", "suggested_priority", "classified_by"])
def test_a_client_cannot_forge_the_suggestion(api, field):
    forged = {"suggested_category": "billing", "suggested_priority": "low"}
    payload = BILLING | {field: forged.get(field, "ollama")}
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["attr"], error["code"]) == ("non_field_errors", "unknown_field")
    assert repr(field) in error["detail"]
    assert not Ticket.objects.exists()


def test_create_without_labels_classifies_on_the_server(api):
    response = api.post(URL, BILLING, format="json")
    assert response.status_code == 201
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.category == "billing"
    assert ticket.classified_by == "rules"
    assert (ticket.suggested_category, ticket.suggested_priority) == (
        ticket.category,
        ticket.priority,
    )


def test_a_missing_priority_is_classified_and_the_given_category_kept(api):
    response = api.post(URL, BILLING | {"category": "general"}, format="json")
    assert response.status_code == 201
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.category == "general"
    assert ticket.suggested_category == "billing"
    assert ticket.priority == ticket.suggested_priority


def test_new_tickets_start_open_and_cannot_be_created_closed(api):
    assert api.post(URL, BILLING | {"status": "open"}, format="json").status_code == 201
    response = api.post(URL, BILLING | {"status": "closed"}, format="json")
    assert response.status_code == 400
    assert only_error(response) == {"status": "invalid_choice"}
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "errors"),
    [
        ({"description": "text"}, {"title": "required"}),
        ({"title": "A title"}, {"description": "required"}),
        ({"title": "   ", "description": "text"}, {"title": "blank"}),
        ({"title": None, "description": "text"}, {"title": "null"}),
        ({"title": "t", "description": " \n\t "}, {"description": "blank"}),
        ({"title": "x" * 201, "description": "text"}, {"title": "max_length"}),
        ({"title": "t", "description": "x" * 10_001}, {"description": "max_length"}),
        ({"title": "t", "description": "d", "category": "sales"}, {"category": "invalid_choice"}),
        ({"title": "t", "description": "d", "priority": "urgent"}, {"priority": "invalid_choice"}),
        ({"title": 7, "description": "d"}, {"title": "invalid"}),
        ({"title": "t", "description": ["d"]}, {"description": "invalid"}),
        ({"title": "t\u0000", "description": "d"}, {"title": "null_characters_not_allowed"}),
        ({"title": "t", "description": "d", "id": 7}, {"non_field_errors": "unknown_field"}),
        (
            {"title": "t", "description": "d", "created_at": "2020-01-01"},
            {"non_field_errors": "unknown_field"},
        ),
        ({}, {"title": "required", "description": "required"}),
    ],
)
def test_bad_input_is_a_400_naming_each_field_and_writes_nothing(api, payload, errors):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert only_error(response) == errors
    assert not Ticket.objects.exists()


def test_title_of_200_and_description_of_10000_characters_are_accepted(api):
    response = api.post(URL, {"title": "x" * 200, "description": "y" * 10_000}, format="json")
    assert response.status_code == 201


def test_non_ascii_text_is_stored_as_sent(api):
    payload = {
        "title": "Facturación duplicada 💳",
        "description": "Me cobraron dos veces — ¿reembolso?",
    }
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert (ticket.title, ticket.description) == (payload["title"], payload["description"])


@pytest.mark.parametrize("body", [b"{not json", b"", b"[1, 2]", b'"a string"', b"null"])
def test_a_body_that_is_not_a_json_object_is_a_400(api, body):
    response = api.generic("POST", URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"]
    assert not Ticket.objects.exists()


def test_a_form_encoded_body_is_a_415(api):
    response = api.post(
        URL, "title=a&description=b", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415
    assert response.json()["errors"][0]["code"] == "unsupported_media_type"


def test_a_3_mb_body_is_refused_before_parsing(api):
    body = json.dumps({"title": "big", "description": "x" * 3_000_000})
    response = api.generic("POST", URL, body, content_type="application/json")
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "request_too_large"
    assert not Ticket.objects.exists()
