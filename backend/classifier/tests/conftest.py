import socket

import pytest

import classifier
from classifier.tests.fakes import FakeOllama, FakeOpenAI

# Short enough to keep the suite fast, far from the fakes' slow answers (2 s).
TIMEOUT = 0.5


@pytest.fixture(autouse=True)
def _fresh_classifier():
    """Each test starts without skip windows, cached answers or clients."""
    classifier.reset()
    yield
    classifier.reset()


@pytest.fixture
def fake_ollama(settings):
    server = FakeOllama()
    settings.OLLAMA_HOST = server.url
    settings.OLLAMA_MODEL = "llama3.2:3b"
    settings.OLLAMA_CONNECT_TIMEOUT = TIMEOUT
    settings.OLLAMA_TIMEOUT = TIMEOUT
    settings.CLASSIFIER_SKIP_SECONDS = 30
    yield server
    server.stop()


@pytest.fixture
def fake_cloud(settings):
    server = FakeOpenAI()
    settings.LLM_API_KEY = "test-key"
    settings.LLM_BASE_URL = f"{server.url}/v1"
    settings.LLM_MODEL = "gpt-4o-mini"
    settings.LLM_TIMEOUT = TIMEOUT
    yield server
    server.stop()


class FakeClock:
    """A monotonic clock that moves only when a test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def refused_url() -> str:
    """An address where nothing listens: the port was free a moment ago."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
