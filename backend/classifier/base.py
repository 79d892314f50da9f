"""What every classifier backend shares: the limits, the answer types, the states, the
interface and the one error type a backend raises when it cannot answer."""

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from django.db import models

from labels import Category, Priority

# Long tickets are cut before any backend reads them: the prompt then always fits the
# fixed context window (NUM_CTX in ollama.py), and no backend spends time on text it
# would not use. The first few thousand characters carry the subject and the impact.
MAX_TITLE_CHARS = 200
MAX_DESCRIPTION_CHARS = 3000
# The answer is about 15 tokens; the cap (num_predict, max_tokens) stops a model that
# rambles.
MAX_ANSWER_TOKENS = 48
# Its HTTP body is under a kilobyte; a server sending more is not answering the question.
MAX_ANSWER_BYTES = 64 * 1024
# A cloud request waits this long at most for a connection, within its timeout.
CLOUD_CONNECT_TIMEOUT = 2.0
# /api/health/ must stay cheap even when Ollama hangs: two calls, each bounded by this,
# and a connection attempt by the shorter cap.
HEALTH_TIMEOUT = 0.6
HEALTH_CONNECT_TIMEOUT = 0.5
# Loading a model from disk on a CPU can take a minute; warm-up runs in the background.
WARM_UP_TIMEOUT = 180.0


def classified_part(title: str, description: str) -> tuple[str, str]:
    """The part of a ticket that every backend reads."""
    return title.strip()[:MAX_TITLE_CHARS], description.strip()[:MAX_DESCRIPTION_CHARS]


class Backend(models.TextChoices):
    """Which classifier produced a suggestion."""

    OLLAMA = "ollama"
    CLOUD = "cloud"
    LEARNED = "learned"
    RULES = "rules"


@dataclass(frozen=True)
class Labels:
    """A backend's answer before the chain stamps it with who answered and how fast.

    `confidence` estimates the probability that both labels are right, from 0 to 1;
    None when the backend cannot tell (an Ollama older than 0.12.11 gives no token
    probabilities, nor does every OpenAI-compatible server)."""

    category: Category
    priority: Priority
    confidence: float | None = None
    # The model that answered, when the backend's own can change between calls (the
    # learned model's version).
    model: str | None = None


def is_unsure(confidence: float | None, threshold: float) -> bool:
    """Below the threshold a suggestion is left for a person; without a confidence the
    classifier cannot tell, and it is not flagged."""
    return confidence is not None and confidence < threshold


@dataclass(frozen=True)
class Shot:
    """A ticket a person confirmed, shown to a language model as a worked example."""

    id: int
    title: str
    description: str
    category: str
    priority: str


@dataclass(frozen=True)
class Suggestion:
    category: Category
    priority: Priority
    backend: Backend
    model: str | None
    latency_ms: int
    confidence: float | None = None
    # Below the confidence threshold (CLASSIFIER_CONFIDENCE_THRESHOLD): left for a person.
    unsure: bool = False
    # The prompt's version, for the answers of language models.
    prompt_version: str | None = None
    # The confirmed tickets the answer was based on (a language model's examples).
    examples: tuple[int, ...] = ()


class BackendState(StrEnum):
    """A backend's state as the health check reports it."""

    READY = "ready"
    LOADING = "loading"  # Ollama has the model on disk; the next request loads it
    SKIPPED = "skipped"  # failed a moment ago; the chain passes over it for now
    UNREACHABLE = "unreachable"
    MODEL_MISSING = "model_missing"
    DISABLED = "disabled"  # configured off
    LEARNING = "learning"  # the learned model has not seen enough confirmed tickets yet

    @property
    def usable(self) -> bool:
        return self in (BackendState.READY, BackendState.LOADING)


class ClassifierError(Exception):
    """A backend could not give a valid answer.

    `retryable` says whether sending the same request again at once is worth it: yes
    after a dropped connection or a 5xx; no after a timeout (the time budget is spent),
    a model that is not pulled, a rejected API key, or an invalid answer from a model
    that answers deterministically.
    """

    def __init__(self, reason: str, *, retryable: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


class Abstained(ClassifierError):
    """A backend chose not to answer (the learned model when unsure or not trained on
    enough tickets yet): the chain asks the next one, with no skip window."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, retryable=False)


def read_answer(chunks: Iterable[bytes], *, deadline: float, timeout: float) -> bytes:
    """A response body, read only while it arrives before `deadline` (time.monotonic)
    and stays within MAX_ANSWER_BYTES; `timeout` is the budget the deadline came from.

    An HTTP client's read timeout bounds each wait for the next bytes, not the whole
    answer: alone, it lets a server that trickles a byte at a time, or sends an endless
    body, hold a worker's thread and memory for as long as it likes. The deadline is
    checked as each chunk arrives; a server that falls silent instead is cut off by the
    read timeout, which the callers set to the same budget."""
    body = bytearray()
    for chunk in chunks:
        body += chunk
        if len(body) > MAX_ANSWER_BYTES:
            raise ClassifierError(
                f"answer larger than {MAX_ANSWER_BYTES // 1024} KB", retryable=False
            )
        if time.monotonic() > deadline:
            raise ClassifierError(f"no answer within {timeout:g}s", retryable=False)
    return bytes(body)


class Classifier(Protocol):
    backend: Backend

    @property
    def model(self) -> str | None: ...

    def classify(self, title: str, description: str, shots: Sequence[Shot] = ()) -> Labels:
        """Return valid labels or raise ClassifierError; nothing else escapes. `shots`
        are worked examples for backends that read them (the language models)."""
        ...

    def health(self) -> dict:
        """Describe the backend's state cheaply, without classifying anything."""
        ...

    def warm_up(self) -> None:
        """Get ready for the first ticket of a fresh worker; runs in the background."""
        ...
