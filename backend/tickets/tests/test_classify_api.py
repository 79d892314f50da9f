import pytest

from tickets.models import Ticket

# The request-rate counters live in the database.
pytestmark = pytest.mark.django_db

URL = "/api/tickets/classify/"


def test_classify_answers_with_a_suggestion_and_its_source(api):
    response = api.post(
        URL,
        {"title": "Refund", "description": "I was charged twice for my invoice, refund please"},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["suggested_category"] == "billing"
    assert body["suggested_priority"] in {"low", "medium", "high", "critical"}
    assert body["backend"] == "rules"
    assert body["model"] is None
    assert isinstance(body["latency_ms"], int)


def test_title_is_optional(api):
    response = api.post(URL, {"description": "The app crashes on start"}, format="json")
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "required"),
        ({"title": "only a title"}, "required"),
        ({"description": ""}, "blank"),
        ({"description": "   "}, "blank"),
        ({"description": None}, "null"),
        ({"description": "x" * 10_001}, "max_length"),
        ({"description": 0}, "invalid"),
        ({"description": True}, "invalid"),
        ({"description": {"text": "crash"}}, "invalid"),
    ],
)
def test_a_missing_blank_null_or_oversized_description_is_a_400(api, payload, code):
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert [(e["attr"], e["code"]) for e in response.json()["errors"]] == [("description", code)]


def test_classify_does_not_accept_get(api):
    assert api.get(URL).status_code == 405


def test_classify_is_throttled_per_client_with_retry_after(api, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"classify": "3/minute", "create": "1000/minute"}
    }
    payload = {"description": "The app crashes on start"}
    answers = [api.post(URL, payload, format="json", REMOTE_ADDR="10.0.0.1") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused.json()["errors"][0]["code"] == "throttled"
    # Another client has its own allowance.
    assert api.post(URL, payload, format="json", REMOTE_ADDR="10.0.0.2").status_code == 200


def test_creating_is_throttled_but_listing_is_not(api, settings):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"classify": "1000/minute", "create": "2/minute"}
    }
    payload = {"title": "Crash", "description": "The app crashes on start"}
    codes = [api.post("/api/tickets/", payload, format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert Ticket.objects.count() == 2
    assert all(api.get("/api/tickets/").status_code == 200 for _ in range(5))
