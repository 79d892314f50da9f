"""The classify endpoint and the health endpoint, over HTTP, with the fakes behind them."""

import pytest

from classifier.tests.fakes import MODEL, Behaviour
from tickets.tests.tasks import run_classifications

# The endpoints are throttled, and the throttle counts requests in the database.
pytestmark = pytest.mark.django_db

URL = "/api/tickets/classify/"
TICKET = {"title": "Site down", "description": "Every page returns 502 for all our customers."}

FAILURES = [
    Behaviour(content="I think this is a technical issue."),
    Behaviour(content="{not json"),
    Behaviour(content='{"category": "outage", "priority": "critical"}'),
    Behaviour(pulled=[]),
    Behaviour(status=500, error="llama runner process has terminated"),
    Behaviour(delay=2.0),
]
FAILURE_IDS = ["prose", "invalid-json", "wrong-enum", "model-missing", "server-error", "slow"]


def test_a_suggestion_from_ollama_names_the_backend_model_and_latency(api, fake_ollama):
    fake_ollama.behaviour = Behaviour(content='{"category": "technical", "priority": "critical"}')

    response = api.post(URL, TICKET, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["suggested_category"] == "technical"
    assert body["suggested_priority"] == "critical"
    assert (body["backend"], body["model"]) == ("ollama", MODEL)
    assert isinstance(body["latency_ms"], int)


@pytest.mark.parametrize("behaviour", FAILURES, ids=FAILURE_IDS)
def test_a_failing_ollama_never_causes_a_5xx(api, fake_ollama, behaviour):
    fake_ollama.behaviour = behaviour

    response = api.post(URL, TICKET, format="json")

    assert response.status_code == 200
    assert (response.json()["backend"], response.json()["model"]) == ("rules", None)


def test_an_unreachable_ollama_never_causes_a_5xx(api, settings, refused_url):
    settings.OLLAMA_HOST = refused_url

    response = api.post(URL, TICKET, format="json")

    assert response.status_code == 200
    assert response.json()["backend"] == "rules"


@pytest.mark.parametrize(
    "behaviour", FAILURES[:3] + FAILURES[4:], ids=FAILURE_IDS[:3] + FAILURE_IDS[4:]
)
def test_a_failing_cloud_never_causes_a_5xx(api, settings, refused_url, fake_cloud, behaviour):
    settings.OLLAMA_HOST = refused_url
    fake_cloud.behaviour = behaviour

    response = api.post(URL, TICKET, format="json")

    assert response.status_code == 200
    assert (response.json()["backend"], response.json()["model"]) == ("rules", None)


def test_the_cloud_answers_over_http_when_ollama_fails(api, fake_ollama, fake_cloud):
    fake_ollama.behaviour = Behaviour(status=500, error="out of memory")
    fake_cloud.behaviour = Behaviour(content='{"category": "technical", "priority": "critical"}')

    body = api.post(URL, TICKET, format="json").json()

    assert (body["backend"], body["model"]) == ("cloud", "gpt-4o-mini")
    assert (body["suggested_category"], body["suggested_priority"]) == ("technical", "critical")


def test_a_created_ticket_gets_the_models_suggestion_from_the_worker(api, fake_ollama):
    fake_ollama.behaviour = Behaviour(content='{"category": "technical", "priority": "critical"}')

    response = api.post("/api/tickets/", TICKET, format="json")
    assert response.status_code == 201
    run_classifications()

    body = api.get(f"/api/tickets/{response.json()['id']}/").json()
    assert (body["category"], body["priority"]) == ("technical", "critical")
    assert body["classified_by"] == "ollama"


def test_health_shows_each_classifier_backend(client_as, admin, fake_ollama):
    fake_ollama.behaviour = Behaviour(loaded=[MODEL])

    response = client_as(admin).get("/api/health/")

    assert response.status_code == 200
    classifier = response.json()["classifier"]
    assert classifier["active"] == "ollama"
    ollama, cloud, learned, rules = classifier["backends"]
    assert (ollama["state"], ollama["model_pulled"], ollama["loaded"]) == ("ready", True, True)
    assert (cloud["enabled"], rules["state"]) == (False, "ready")
    assert (learned["state"], learned["model"]) == ("learning", None)
