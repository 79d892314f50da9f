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
text is not classified twice in a row: the text a requester just typed is not asked
again when the ticket is filed.

The skip windows, the probe and the cached answers live in Django's "classifier" cache
(a table in PostgreSQL unless configured otherwise), so every web process and worker on
every machine shares them: one process that finds Ollama down spares all the others its
timeout. A failure is kept until the backend answers again; windows and answers expire
by the injected clock, the wall clock by default. A probe's claim lapses after a
window, for a prober that died. State that cannot be read (a damaged entry, a cache
that fails) counts as none: classify() never raises.
"""

import hashlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.cache import BaseCache, caches

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

ORDER = [Backend.OLLAMA.value, Backend.CLOUD.value, Backend.LEARNED.value, Backend.RULES.value]
# The backends that read worked examples: the local language model. Other requesters'
# tickets never go to a cloud API: it gets only the ticket it classifies.
READS_SHOTS = {Backend.OLLAMA}
# Slow, and asked with the prompt: their answers are cached and carry its version.
LANGUAGE_MODELS = {Backend.OLLAMA, Backend.CLOUD}
# The shared state kept in this process's memory instead, for tools that run the chain
# in one process without a database (scripts/eval, scripts/bench --faults) and tests.
IN_MEMORY_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "classifier",
}


# A failure older than this no longer keeps new tickets from waiting on the backend:
# the worker asks it again (and, failing, renews the failure).
RECHECK_SECONDS = 300


@dataclass(frozen=True)
class _Failure:
    reason: str
    failed_at: float  # on the chain's clock
    retry_at: float  # when the skip window ends


def _failure_key(backend: Backend) -> str:
    return f"failure:{backend}"


def _probe_key(backend: Backend) -> str:
    return f"probe:{backend}"


def _answer_key(title: str, description: str) -> str:
    text = f"{title.strip()}\0{description.strip()}".encode()
    return f"answer:{prompt.VERSION}:{hashlib.sha256(text).hexdigest()}"


class Chain:
    def __init__(
        self,
        models: list[Classifier],
        *,
        last_resort: Classifier,
        skip_seconds: float,
        cache_seconds: float,
        cache: BaseCache,
        threshold: float = 0.0,
        disabled: list[dict] | None = None,
        clock: Callable[[], float] = time.time,
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
        # Shared by every process: skip windows, probes and the language models' answers.
        self._cache = cache
        # Seconds, the same in every process: skip windows and cached answers' expiry.
        self._clock = clock

    def classify(
        self,
        title: str,
        description: str,
        shots: Callable[[], Sequence[Shot]] | None = None,
    ) -> Suggestion:
        """`shots` finds the confirmed tickets most like this one; it is called only
        when a language model is about to be asked, at most once."""
        return self._classify(title, description, shots, self.models)[0]

    def classify_at_once(self, title: str, description: str) -> tuple[Suggestion, bool]:
        """What is known without waiting on a language model (its cached answer for this
        text, else the learned model's or the rules'), and whether a language model may
        still answer: one is configured and has not failed in the last RECHECK_SECONDS,
        so asking it in the background is worth it. While one keeps failing, tickets do
        not wait on it (one filed after a quiet spell lets the worker ask it again);
        requests typing and worker runs that probe it find out when it is back."""
        quick = [model for model in self.models if model.backend not in LANGUAGE_MODELS]
        suggestion, failures = self._classify(title, description, None, quick)
        now = self._clock()
        waiting = suggestion.backend not in LANGUAGE_MODELS and any(
            model.backend in LANGUAGE_MODELS
            and (
                model.backend not in failures
                or now - failures[model.backend].failed_at >= RECHECK_SECONDS
            )
            for model in self.models
        )
        return suggestion, waiting

    def _classify(
        self,
        title: str,
        description: str,
        shots: Callable[[], Sequence[Shot]] | None,
        models: list[Classifier],
    ) -> tuple[Suggestion, dict[Backend, _Failure]]:
        """The first answer of `models`, else the last resort's; and the failures read."""
        started = time.monotonic()
        key = _answer_key(title, description)
        # One read of the shared state: the cached answer and every skip window.
        keys = {_failure_key(model.backend): model.backend for model in self.models}
        shared = self._read([key, *keys])
        failures = {keys[name]: failure for name, failure in shared.items() if name in keys}
        cached = shared.get(key)
        if cached is not None and cached[0] > self._clock():
            return replace(cached[1], latency_ms=_elapsed_ms(started)), failures
        examples: Sequence[Shot] | None = None
        for backend in models:
            failure = failures.get(backend.backend)
            if failure is not None and not self._may_probe(backend, failure):
                continue
            if backend.backend in READS_SHOTS and examples is None:
                examples = _examples(shots)
            used = examples if backend.backend in READS_SHOTS else ()
            try:
                labels = backend.classify(title, description, used or ())
            except Abstained:
                self._record_success(backend, failure)
                continue
            except ClassifierError as error:
                self._record_failure(backend, error.reason)
                continue
            except Exception:
                # A bug in a backend must not cost the ticket its suggestion.
                logger.exception("classifier %s raised unexpectedly", backend.backend)
                self._record_failure(backend, "unexpected error", log=False)
                continue
            self._record_success(backend, failure)
            suggestion = self._suggestion(backend, labels, used or (), started)
            if backend.backend in LANGUAGE_MODELS and self.cache_seconds > 0:
                expires = self._clock() + self.cache_seconds
                self._cache.set(key, (expires, suggestion), timeout=self.cache_seconds)
            return suggestion, failures
        # Not cached: the last resort is instant, and a cached answer would hide a model
        # that comes back.
        labels = self.last_resort.classify(title, description)
        return self._suggestion(self.last_resort, labels, (), started), failures

    def _read(self, keys: list[str]) -> dict:
        try:
            return self._cache.get_many(keys)
        except Exception:
            # A damaged entry or a failing cache: classify without the shared state.
            logger.exception("reading the classifier's shared state failed")
            return {}

    def _suggestion(
        self, backend: Classifier, labels: Labels, shots: Sequence[Shot], started: float
    ) -> Suggestion:
        reads_prompt = backend.backend in LANGUAGE_MODELS
        return Suggestion(
            category=labels.category,
            priority=labels.priority,
            backend=backend.backend,
            model=labels.model or backend.model,
            latency_ms=_elapsed_ms(started),
            confidence=labels.confidence,
            unsure=is_unsure(labels.confidence, self.threshold),
            prompt_version=prompt.VERSION if reads_prompt else None,
            examples=tuple(shot.id for shot in shots),
        )

    def skipped_for(self, backend: Backend) -> str | None:
        """The reason a backend is being skipped now, or None when it may be tried."""
        shared = self._read([_failure_key(backend), _probe_key(backend)])
        failure = shared.get(_failure_key(backend))
        if failure is None:
            return None
        if self._clock() >= failure.retry_at and _probe_key(backend) not in shared:
            return None
        return failure.reason

    def _may_probe(self, backend: Classifier, failure: _Failure) -> bool:
        """After a failure, no request may call the backend until the skip window ends,
        then one at a time: the first to claim the probe, in any process. A probe whose
        process died is given up after another window."""
        if self._clock() < failure.retry_at:
            return False
        return self._cache.add(_probe_key(backend.backend), True, timeout=self.skip_seconds)

    def _record_failure(self, backend: Classifier, reason: str, *, log: bool = True) -> None:
        now = self._clock()
        failure = _Failure(reason, failed_at=now, retry_at=now + self.skip_seconds)
        # Kept until the backend answers again (_record_success deletes it).
        self._cache.set(_failure_key(backend.backend), failure, timeout=None)
        self._cache.delete(_probe_key(backend.backend))
        if log:
            logger.warning(
                "classifier %s failed, skipping it for %gs: %s",
                backend.backend,
                self.skip_seconds,
                reason,
            )

    def _record_success(self, backend: Classifier, failure: _Failure | None) -> None:
        if failure is None:
            return
        self._cache.delete_many([_failure_key(backend.backend), _probe_key(backend.backend)])
        logger.info("classifier %s answers again", backend.backend)

    def warm_up(self) -> None:
        # The local models first: loading a language model can take a minute.
        for backend in sorted(self.models, key=lambda model: model.backend in LANGUAGE_MODELS):
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


def _elapsed_ms(started: float) -> int:
    return round((time.monotonic() - started) * 1000)


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


def build_chain(*, clock: Callable[[], float] | None = None) -> Chain:
    """The chain as the settings describe it; tests pass a clock they move by hand (for
    the shared state and the learned model's refresh)."""
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
            clock=clock or time.monotonic,
        )
    )
    return Chain(
        models,
        last_resort=RulesClassifier(),
        skip_seconds=settings.CLASSIFIER_SKIP_SECONDS,
        cache_seconds=settings.CLASSIFIER_CACHE_SECONDS,
        cache=caches["classifier"],
        threshold=settings.CLASSIFIER_CONFIDENCE_THRESHOLD,
        disabled=disabled,
        clock=clock or time.time,
    )
