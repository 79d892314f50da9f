"""The classifier's skip windows, probes and cached answers are shared through the
database cache by every process: each chain here stands for another process (it shares
nothing in memory with the others), as web processes and workers on other machines do."""

import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from itertools import islice

import pytest
from django.core.cache import caches
from django.db import connection

from classifier.chain import build_chain
from classifier.tests.fakes import Behaviour
from config import settings as project_settings

TITLE = "Charged twice"


@pytest.fixture
def database_cache(settings):
    """The classifier's cache as configured for production: a PostgreSQL table."""
    settings.CACHES = settings.CACHES | {"classifier": project_settings.CACHES["classifier"]}
    caches["classifier"].clear()
    yield caches["classifier"]
    caches["classifier"].clear()


@pytest.mark.django_db
def test_one_process_finding_ollama_down_spares_the_others(fake_ollama, database_cache, clock):
    first, second = build_chain(clock=clock), build_chain(clock=clock)
    fake_ollama.behaviour = Behaviour(status=500, error="out of memory")
    assert first.classify(TITLE, "first").backend == "rules"

    assert second.classify(TITLE, "second").backend == "rules"
    assert len(fake_ollama.chats()) == 1
    assert second.skipped_for("ollama") == "Ollama answered 500: out of memory"

    fake_ollama.behaviour = Behaviour()
    clock.advance(30)
    assert second.classify(TITLE, "third").backend == "ollama"
    assert first.classify(TITLE, "fourth").backend == "ollama"
    assert first.skipped_for("ollama") is None


@pytest.mark.django_db
def test_an_answer_one_process_got_is_reused_by_the_others(fake_ollama, database_cache, clock):
    first, second = build_chain(clock=clock), build_chain(clock=clock)
    assert first.classify(TITLE, "The same text.").backend == "ollama"
    again = second.classify(TITLE, "The same text.")
    assert (again.backend, again.category, again.priority) == ("ollama", "billing", "high")
    assert len(fake_ollama.chats()) == 1

    clock.advance(300)  # CLASSIFIER_CACHE_SECONDS
    second.classify(TITLE, "The same text.")
    assert len(fake_ollama.chats()) == 2


@pytest.mark.django_db(transaction=True)
def test_after_the_window_one_process_of_many_probes(fake_ollama, database_cache, clock, settings):
    """Eight processes classify at once when the window ends: one probes the hung
    Ollama, the others answer from the rules at once."""
    settings.OLLAMA_TIMEOUT = 30  # the probe waits for the gate, not for its timeout
    fake_ollama.behaviour = Behaviour(status=500, error="out of memory")
    build_chain(clock=clock).classify(TITLE, "Opens the skip window.")
    clock.advance(30)
    gate = threading.Event()
    fake_ollama.behaviour = Behaviour(gate=gate)

    def in_another_process(n: int) -> str:
        try:
            return build_chain(clock=clock).classify(TITLE, f"Ticket {n}").backend
        finally:
            connection.close()

    with ThreadPoolExecutor(8) as pool:
        calls = [pool.submit(in_another_process, n) for n in range(8)]
        answered = list(islice(as_completed(calls, timeout=20), 7))
        gate.set()
    [probe] = [call for call in calls if call not in answered]

    assert {call.result() for call in answered} == {"rules"}
    assert probe.result() == "ollama"
    assert len(fake_ollama.chats()) == 2
