import pytest

from tickets.models import RequestCount, Ticket
from tickets.throttles import ClientRateThrottle

# The request-rate counts live in the database.
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


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, frozen at 1,000,000,062 s: 18 s before a minute ends."""
    now = [1_000_000_062.0]
    monkeypatch.setattr(ClientRateThrottle, "timer", staticmethod(lambda: now[0]))
    return now


def rates(settings, **rates: str) -> None:
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {
        "DEFAULT_THROTTLE_RATES": {"classify": "1000/minute", "create": "1000/minute"} | rates
    }


def test_classify_is_throttled_per_client_with_retry_after(api, settings, clock):
    rates(settings, classify="3/minute")
    payload = {"description": "The app crashes on start"}
    answers = [api.post(URL, payload, format="json", REMOTE_ADDR="10.0.0.1") for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused["Retry-After"] == "18"
    assert refused.json()["errors"][0]["code"] == "throttled"
    # Another client has its own allowance, and the next window a fresh one.
    assert api.post(URL, payload, format="json", REMOTE_ADDR="10.0.0.2").status_code == 200
    clock[0] += 18
    assert api.post(URL, payload, format="json", REMOTE_ADDR="10.0.0.1").status_code == 200


def test_windows_that_ended_are_deleted(api, settings, clock):
    rates(settings, classify="3/minute")
    for _ in range(3):
        clock[0] += 60
        api.post(URL, {"description": "The app crashes"}, format="json")
    assert RequestCount.objects.count() == 1


def test_creating_is_throttled_but_listing_is_not(api, settings, clock):
    rates(settings, create="2/minute")
    payload = {"title": "Crash", "description": "The app crashes on start"}
    codes = [api.post("/api/tickets/", payload, format="json").status_code for _ in range(3)]
    assert codes == [201, 201, 429]
    assert Ticket.objects.count() == 2
    assert all(api.get("/api/tickets/").status_code == 200 for _ in range(5))
