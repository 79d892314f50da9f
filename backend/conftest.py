import pytest
from django.core.cache import caches
from rest_framework.test import APIClient

from accounts.models import Role, User
from accounts.tests.factories import make_person
from classifier.chain import IN_MEMORY_CACHE


@pytest.fixture(autouse=True)
def _no_real_llm(settings):
    """No test reaches a real model: Ollama points at a port nothing listens on and the
    cloud key is unset. Tests of those backends point them at their fake servers."""
    settings.OLLAMA_HOST = "http://127.0.0.1:9"
    settings.LLM_API_KEY = ""


@pytest.fixture(autouse=True)
def _fresh_classifier_state(settings):
    """Each test starts with no skip window or cached answer: the classifier's shared
    state lives in memory, emptied per test (tests that commit would otherwise leave it
    in the database for the next). test_shared_state.py puts it back in the database."""
    settings.CACHES = settings.CACHES | {"classifier": IN_MEMORY_CACHE}
    caches["classifier"].clear()


@pytest.fixture
def agent(db) -> User:
    return make_person(Role.AGENT, name="Alex Agent")


@pytest.fixture
def admin(db) -> User:
    return make_person(Role.ADMIN, name="Ada Admin")


@pytest.fixture
def requester(db) -> User:
    return make_person(Role.REQUESTER, name="Rita Requester")


@pytest.fixture
def anonymous() -> APIClient:
    return APIClient()


@pytest.fixture
def client_as():
    """An API client signed in as the given person (authentication itself is tested
    over real HTTP, with sessions, CSRF and tokens, in accounts/tests)."""

    def signed_in(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user=user)
        return client

    return signed_in


@pytest.fixture
def api(agent, client_as) -> APIClient:
    """An agent's client: most of the API is about working tickets."""
    return client_as(agent)
