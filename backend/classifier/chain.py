"""The fallback chain: Ollama, then the cloud API when a key is set, then the model
learned from the team's confirmed tickets (when it is sure), then the rules (the
backend of last resort, which always answers).

The first valid answer wins. A backend that fails is logged once with its reason and
skipped for CLASSIFIER_SKIP_SECONDS, so a dead or hung Ollama costs its timeout once,
not on every keystroke. When the window ends, one request tries the backend again
while the others keep passing over it (a half-open circuit): a hung Ollama then holds
one request, not every request that arrives during its timeout. If that request gets
an answer the backend is used again; if not, the window starts again.

Answers from the language models are cached for CLASSIFIER_CACHE_SECONDS, so identical
text is not classified twice in a row. State lives in this process (gunicorn threads
share it under a lock).
"""

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.conf import settings

from classifier import prompt
from classifier.base import (
    Abstained,
    Backend,
    BackendState,
    Classifier,
    ClassifierError,
    Labels,
    Shot,
    Suggestion,
    is_unsure,
)
from classifier.learned import LearnedClassifier
from classifier.ollama import OllamaClassifier
from classifier.rules import RulesClassifier

logger = logging.getLogger(__name__)

CACHE_SIZE = 1024
ORDER = [Backend.OLLAMA.value, Backend.CLOUD.value, Backend.LEARNED.value, Backend.RULES.value]
# The backends that read worked examples: the local language model. Other requesters'
# tickets never go to a cloud API: it gets only the ticket it classifies.
READS_SHOTS = {Backend.OLLAMA}
# Slow, and asked with the prompt: their answers are cached and carry its version.
LANGUAGE_MODELS = {Backend.OLLAMA, Backend.CLOUD}


@dataclass
class _Failure:
    reason: str
    retry_at: float  # when the skip window ends
    probing: bool = False  # one request is trying the backend again


class Chain:
    def __init__(
        self,
        models: list[Classifier],
        *,
        last_resort: Classifier,
        skip_seconds: float,
        cache_seconds: float,
        threshold: float = 0.0,
        disabled: list[dict] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.models = models
        # Never fails and is never skipped: it answers when every model has failed.
        self.last_resort = last_resort
        self.skip_seconds = skip_seconds
        self.cache_seconds = cache_seconds
        # Suggestions less confident than this are marked unsure, left for a person.
        self.threshold = threshold
        # Backends that are configured off, listed by the health check only.
        self.disabled = disabled or []
        # Seconds on a monotonic scale: skip windows, cache expiry and latency.
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[Backend, _Failure] = {}
        self._cache: OrderedDict[tuple[str, str], tuple[float, Suggestion]] = OrderedDict()

    def classify(
        self,
        title: str,
        description: str,
        shots: Callable[[], Sequence[Shot]] | None = None,
    ) -> Suggestion:
        """`shots` finds the confirmed tickets most like this one; it is called only
        when a language model is about to be asked, at most once."""
        started = self._clock()
        key = (title.strip(), description.strip())
        cached = self._cached(key, started)
        if cached is not None:
            return replace(cached, latency_ms=self._elapsed_ms(started))
        examples: Sequence[Shot] | None = None
        for backend in self.models:
            if not self._may_try(backend):
                continue
            if backend.backend in READS_SHOTS and examples is None:
                examples = _examples(shots)
            used = examples if backend.backend in READS_SHOTS else ()
            try:
                labels = backend.classify(title, description, used or ())
            except Abstained:
                self._record_success(backend)
                continue
            except ClassifierError as error:
                self._record_failure(backend, error.reason)
                continue
            except Exception:
                # A bug in a backend must not cost the ticket its suggestion.
                logger.exception("classifier %s raised unexpectedly", backend.backend)
                self._record_failure(backend, "unexpected error", log=False)
                continue
            self._record_success(backend)
            suggestion = self._suggestion(backend, labels, used or (), started)
            if backend.backend in LANGUAGE_MODELS:
                self._remember(key, suggestion)
            return suggestion
        # Not cached: the last resort is instant, and a cached answer would hide a model
        # that comes back.
        labels = self.last_resort.classify(title, description)
        return self._suggestion(self.last_resort, labels, (), started)

    def _suggestion(
        self, backend: Classifier, labels: Labels, shots: Sequence[Shot], started: float
    ) -> Suggestion:
        reads_prompt = backend.backend in LANGUAGE_MODELS
        return Suggestion(
            category=labels.category,
            priority=labels.priority,
            backend=backend.backend,
            model=labels.model or backend.model,
            latency_ms=self._elapsed_ms(started),
            confidence=labels.confidence,
            unsure=is_unsure(labels.confidence, self.threshold),
            prompt_version=prompt.VERSION if reads_prompt else None,
            examples=tuple(shot.id for shot in shots),
        )

    def skipped_for(self, backend: Backend) -> str | None:
        """The reason a backend is being skipped now, or None when it may be tried."""
        with self._lock:
            failure = self._failures.get(backend)
            if failure is None or (self._clock() >= failure.retry_at and not failure.probing):
                return None
            return failure.reason

    def _may_try(self, backend: Classifier) -> bool:
        """Whether this request may call the backend: always while it answers; after a
        failure, not until the skip window ends, then for one request at a time."""
        with self._lock:
            failure = self._failures.get(backend.backend)
            if failure is None:
                return True
            if failure.probing or self._clock() < failure.retry_at:
                return False
            failure.probing = True
            return True

    def _record_failure(self, backend: Classifier, reason: str, *, log: bool = True) -> None:
        with self._lock:
            self._failures[backend.backend] = _Failure(reason, self._clock() + self.skip_seconds)
        if log:
            logger.warning(
                "classifier %s failed, skipping it for %gs: %s",
                backend.backend,
                self.skip_seconds,
                reason,
            )

    def _record_success(self, backend: Classifier) -> None:
        with self._lock:
            recovered = self._failures.pop(backend.backend, None) is not None
        if recovered:
            logger.info("classifier %s answers again", backend.backend)

    def _cached(self, key: tuple[str, str], now: float) -> Suggestion | None:
        with self._lock:
            entry = self._cache.get(key)
            if entry is None:
                return None
            if entry[0] <= now:
                del self._cache[key]
                return None
            self._cache.move_to_end(key)
            return entry[1]

    def _remember(self, key: tuple[str, str], suggestion: Suggestion) -> None:
        if self.cache_seconds <= 0:
            return
        with self._lock:
            self._cache[key] = (self._clock() + self.cache_seconds, suggestion)
            self._cache.move_to_end(key)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def _elapsed_ms(self, started: float) -> int:
        return round((self._clock() - started) * 1000)

    def warm_up(self) -> None:
        for backend in self.models:
            try:
                backend.warm_up()
            except Exception:
                # Runs in a background thread of a fresh worker: log, never crash it.
                logger.exception("classifier %s warm-up raised unexpectedly", backend.backend)

    def health(self) -> dict:
        backends = []
        for backend in [*self.models, self.last_resort]:
            state = backend.health()
            reason = self.skipped_for(backend.backend)
            # A reachable backend that just failed (say, timed out) is still skipped.
            if reason is not None and state["state"].usable:
                state = {
                    **state,
                    "state": BackendState.SKIPPED,
                    "detail": f"last failure: {reason}",
                }
            backends.append(state)
        usable = [state for state in backends if state["state"].usable]
        listed = sorted(backends + self.disabled, key=lambda state: ORDER.index(state["name"]))
        return {"active": usable[0]["name"], "backends": listed}


def _examples(shots: Callable[[], Sequence[Shot]] | None) -> Sequence[Shot]:
    """The worked examples, or none when finding them fails: a prompt without them is
    still a good prompt, and classify() never raises."""
    if shots is None:
        return ()
    try:
        return shots()
    except Exception:
        logger.exception("finding worked examples failed; asking without them")
        return ()


def build_chain(*, clock: Callable[[], float] = time.monotonic) -> Chain:
    """The chain as the settings describe it; tests pass a clock they move by hand."""
    models: list[Classifier] = [
        OllamaClassifier(
            host=settings.OLLAMA_HOST,
            model=settings.OLLAMA_MODEL,
            connect_timeout=settings.OLLAMA_CONNECT_TIMEOUT,
            timeout=settings.OLLAMA_TIMEOUT,
            keep_alive=settings.OLLAMA_KEEP_ALIVE,
        )
    ]
    disabled = []
    if settings.LLM_API_KEY:
        # Imported only here: the SDK adds tens of MB to every worker, and most installs
        # run without a key.
        from classifier.cloud import CloudClassifier

        models.append(
            CloudClassifier(
                api_key=settings.LLM_API_KEY,
                base_url=settings.LLM_BASE_URL,
                model=settings.LLM_MODEL,
                timeout=settings.LLM_TIMEOUT,
            )
        )
    else:
        disabled.append(
            {
                "name": Backend.CLOUD.value,
                "enabled": False,
                "state": BackendState.DISABLED,
                "detail": "LLM_API_KEY is not set",
            }
        )
    models.append(
        LearnedClassifier(
            min_tickets=settings.CLASSIFIER_LEARNED_MIN_TICKETS,
            threshold=settings.CLASSIFIER_CONFIDENCE_THRESHOLD,
            clock=clock,
        )
    )
    return Chain(
        models,
        last_resort=RulesClassifier(),
        skip_seconds=settings.CLASSIFIER_SKIP_SECONDS,
        cache_seconds=settings.CLASSIFIER_CACHE_SECONDS,
        threshold=settings.CLASSIFIER_CONFIDENCE_THRESHOLD,
        disabled=disabled,
        clock=clock,
    )
