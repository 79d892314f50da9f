"""Category and priority suggestions for support tickets.

    classify(title, description, shots) -> Suggestion   never raises for backend failures
    classify_at_once(title, description)   -> (Suggestion, whether a language model may
                                              still answer); never waits on one
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

__all__ = [
    "Suggestion",
    "classifier_health",
    "classify",
    "classify_at_once",
    "reset",
    "warm_up",
]

_lock = threading.Lock()
_chain: Chain | None = None

# Settings that shape the chain: changing one (as tests do) starts a fresh chain.
_SETTINGS = {
    "CACHES",
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
    """Forget this process's clients (the next call reads the settings). Skip windows and
    cached answers are shared, in the "classifier" cache."""
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


def classify_at_once(title: str, description: str) -> tuple[Suggestion, bool]:
    """A suggestion without waiting on a language model (one's cached answer for this
    text, else the learned model's or the rules'), and whether a language model may still
    give a better one."""
    return _current().classify_at_once(title, description)


def classifier_health() -> dict:
    return _current().health()


def warm_up() -> None:
    """Load the Ollama model in the background of a fresh worker; never raises."""
    _current().warm_up()
