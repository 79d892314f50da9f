import pytest
from rest_framework.test import APIClient


@pytest.fixture(autouse=True)
def _no_real_llm(settings):
    """No test reaches a real model: Ollama points at a port nothing listens on and the
    cloud key is unset. Tests of those backends point them at their fake servers."""
    settings.OLLAMA_HOST = "http://127.0.0.1:9"
    settings.LLM_API_KEY = ""


@pytest.fixture
def api() -> APIClient:
    return APIClient()
