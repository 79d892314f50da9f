import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from classifier import classifier_health, classify
from classifier.chain import build_chain
from classifier.prompt import SCHEMA
from classifier.tests.fakes import Behaviour

TITLE = "Charged twice"
DESCRIPTION = "My card shows two payments for the same invoice this month."


@pytest.fixture
def ollama_away(settings, refused_url):
    settings.OLLAMA_HOST = refused_url


def test_the_cloud_answers_when_ollama_is_away(ollama_away, fake_cloud):
    suggestion = classify(TITLE, DESCRIPTION)

    assert (suggestion.category, suggestion.priority) == ("billing", "high")
    assert (suggestion.backend, suggestion.model) == ("cloud", "gpt-4o-mini")


def test_the_schema_is_sent_as_response_format(ollama_away, fake_cloud):
    classify(TITLE, DESCRIPTION)

    [body] = fake_cloud.chats()
    assert body["model"] == "gpt-4o-mini"
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"] == SCHEMA
    assert body["response_format"]["json_schema"]["strict"] is True
    assert DESCRIPTION in body["messages"][1]["content"]


def test_a_provider_without_json_schema_is_asked_in_json_mode(ollama_away, fake_cloud):
    fake_cloud.behaviour = Behaviour(reject_json_schema=True)

    first = classify(TITLE, DESCRIPTION)
    second = classify(TITLE, "Another ticket about an invoice.")

    assert (first.backend, second.backend) == ("cloud", "cloud")
    formats = [body["response_format"]["type"] for body in fake_cloud.chats()]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_a_server_error_is_retried_once_then_the_rules_answer(ollama_away, fake_cloud):
    fake_cloud.behaviour = Behaviour(status=503, error="The server is overloaded")

    suggestion = classify(TITLE, DESCRIPTION)

    assert suggestion.backend == "rules"
    assert len(fake_cloud.chats()) == 2


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        (Behaviour(content="Billing, high."), "not JSON"),
        (Behaviour(content='{"category": "refunds", "priority": "high"}'), "outside the choices"),
        (Behaviour(done_reason="length"), "finish_reason='length'"),
        (Behaviour(status=401, error="Incorrect API key provided"), "answered 401"),
        (Behaviour(status=429, error="Rate limit reached"), "answered 429"),
        (Behaviour(delay=2.0), "no answer within 0.5s"),
    ],
    ids=["prose", "wrong-category", "length", "bad-key", "rate-limited", "slow"],
)
def test_a_failure_that_a_retry_cannot_fix_is_not_retried(
    ollama_away, fake_cloud, caplog, behaviour, reason
):
    fake_cloud.behaviour = behaviour

    with caplog.at_level(logging.WARNING, logger="classifier"):
        suggestion = classify(TITLE, DESCRIPTION)

    assert suggestion.backend == "rules"
    assert len(fake_cloud.chats()) == 1
    [message] = [
        r.getMessage() for r in caplog.records if "classifier cloud failed" in r.getMessage()
    ]
    assert reason in message


@pytest.mark.parametrize(
    ("behaviour", "reason"),
    [
        # One byte every 50 ms: each read is quick, the whole answer would take 25 s.
        (Behaviour(trickle=0.05), "no answer within 0.5s"),
        (Behaviour(padding=50 * 1024 * 1024), "answer larger than 64 KB"),
    ],
    ids=["trickling", "huge"],
)
def test_an_answer_is_cut_off_at_the_timeout_or_the_size_cap(
    ollama_away, fake_cloud, caplog, behaviour, reason
):
    fake_cloud.behaviour = behaviour

    with caplog.at_level(logging.WARNING, logger="classifier"):
        suggestion = classify(TITLE, DESCRIPTION)

    assert suggestion.backend == "rules"
    [message] = [
        r.getMessage() for r in caplog.records if "classifier cloud failed" in r.getMessage()
    ]
    assert reason in message
    delivery = fake_cloud.deliveries.get(timeout=5)
    assert delivery.sent < delivery.size / 2  # the client hung up early
    assert len(fake_cloud.chats()) == 1


def test_an_unreachable_cloud_falls_back_to_the_rules(
    ollama_away, fake_cloud, settings, refused_url
):
    settings.LLM_BASE_URL = f"{refused_url}/v1"

    assert classify(TITLE, DESCRIPTION).backend == "rules"


def test_a_failed_cloud_is_skipped_then_used_again(ollama_away, fake_cloud, settings, clock):
    chain = build_chain(clock=clock)
    fake_cloud.behaviour = Behaviour(status=401, error="Incorrect API key provided")
    assert chain.classify(TITLE, "first").backend == "rules"

    fake_cloud.behaviour = Behaviour()
    clock.advance(settings.CLASSIFIER_SKIP_SECONDS - 1)
    assert chain.classify(TITLE, "second").backend == "rules"
    clock.advance(1)
    assert chain.classify(TITLE, "third").backend == "cloud"

    assert len(fake_cloud.chats()) == 2


def test_with_ollama_hung_the_cloud_answers_and_then_answers_at_once(fake_ollama, fake_cloud):
    fake_ollama.behaviour = Behaviour(delay=2.0)

    first = classify(TITLE, DESCRIPTION)
    second = classify("Another ticket", "The invoice total is wrong.")

    assert (first.backend, second.backend) == ("cloud", "cloud")
    assert len(fake_ollama.chats()) == 1  # the second ticket went straight to the cloud


def test_without_a_key_the_cloud_is_never_called(ollama_away, fake_cloud, settings):
    settings.LLM_API_KEY = ""

    assert classify(TITLE, DESCRIPTION).backend == "rules"
    assert fake_cloud.chats() == []
    cloud = classifier_health()["backends"][1]
    assert (cloud["name"], cloud["enabled"], cloud["state"]) == ("cloud", False, "disabled")


def test_without_a_key_the_sdk_is_not_even_imported():
    # A fresh interpreter: this one has imported the SDK for the other tests.
    script = (
        "import sys, django; django.setup(); from classifier.chain import build_chain; "
        "build_chain(); sys.stdout.write(str('openai' in sys.modules))"
    )
    env = os.environ | {"DJANGO_SETTINGS_MODULE": "config.settings", "LLM_API_KEY": ""}
    backend_dir = Path(__file__).resolve().parents[2]

    result = subprocess.run(
        [sys.executable, "-c", script], cwd=backend_dir, env=env, capture_output=True, check=True
    )

    assert result.stdout.strip() == b"False"


def test_health_names_the_cloud_as_active_when_ollama_is_away(ollama_away, fake_cloud):
    health = classifier_health()

    assert health["active"] == "cloud"
    cloud = health["backends"][1]
    assert (cloud["enabled"], cloud["model"]) == (True, "gpt-4o-mini")
    assert "test-key" not in str(health)
