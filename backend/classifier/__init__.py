"""Category and priority suggestions for support tickets.

    classify(title, description, shots) -> Suggestion   never raises for backend failures
    classifier_health() -> dict                   cheap, for GET /api/health/
    warm_up() -> None                             loads the Ollama model at start-up

See chain.py for the order of backends, the skip window and the cache.
"""

import threading
from collections.abc import Callable, Sequence

from django.core.signals import setting_changed
from django.dispatch import receiver

from classifier.base import Shot, Suggestion
from classifier.chain import Chain, build_chain

__all__ = ["Suggestion", "classifier_health", "classify", "reset", "warm_up"]

_lock = threading.Lock()
_chain: Chain | None = None

# Settings that shape the chain: changing one (as tests do) starts a fresh chain.
_SETTINGS = {
    "OLLAMA_HOST",
    "OLLAMA_MODEL",
    "OLLAMA_CONNECT_TIMEOUT",
    "OLLAMA_TIMEOUT",
    "OLLAMA_KEEP_ALIVE",
    "LLM_API_KEY",
    "LLM_BASE_URL",
    "LLM_MODEL",
    "LLM_TIMEOUT",
    "CLASSIFIER_SKIP_SECONDS",
    "CLASSIFIER_CACHE_SECONDS",
    "CLASSIFIER_CONFIDENCE_THRESHOLD",
    "CLASSIFIER_LEARNED_MIN_TICKETS",
}


def _current() -> Chain:
    global _chain
    with _lock:
        if _chain is None:
            _chain = build_chain()
        return _chain


def reset() -> None:
    """Forget skip windows, cached answers and clients (the next call reads settings)."""
    global _chain
    with _lock:
        _chain = None


@receiver(setting_changed)
def _reset_on_setting_change(*, setting: str, **kwargs) -> None:
    if setting in _SETTINGS:
        reset()


def classify(
    title: str, description: str, shots: Callable[[], Sequence[Shot]] | None = None
) -> Suggestion:
    """Suggest a category and priority; the rules answer when every model fails.
    `shots` returns the team's confirmed tickets most like this one, for the prompt."""
    return _current().classify(title, description, shots)


def classifier_health() -> dict:
    return _current().health()


def warm_up() -> None:
    """Load the Ollama model in the background of a fresh worker; never raises."""
    _current().warm_up()
