"""The local backend: a small Llama model served by Ollama, with the answer
constrained to the label schema.

Requests follow Ollama's REST API and answers are read into the official client's
response models (ChatResponse, ListResponse, ProcessResponse), so the wire format is
the library's. The HTTP exchange itself is ours, so that every call is bounded as a
whole, in time and in size (see _receive)."""

import logging
import time
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import httpx
import ollama

from classifier import prompt
from classifier.base import (
    HEALTH_CONNECT_TIMEOUT,
    HEALTH_TIMEOUT,
    MAX_ANSWER_TOKENS,
    WARM_UP_TIMEOUT,
    Backend,
    BackendState,
    ClassifierError,
    Labels,
    Shot,
    read_answer,
)

logger = logging.getLogger(__name__)

# Every request uses the same options: a different num_ctx makes Ollama reload the
# model, and temperature 0 with a fixed seed gives the same answer for the same ticket.
NUM_CTX = 2048
OPTIONS = {"temperature": 0, "seed": 7, "num_predict": MAX_ANSWER_TOKENS, "num_ctx": NUM_CTX}

WARM_UP_TICKET = ("Cannot log in", "The password reset link says it has expired.")

# What a request raises when the server cannot be reached or answers garbage: httpx's
# errors, and a validation error (a ValueError) for a body that is not the model's.
_TRANSPORT_ERRORS = (httpx.HTTPError, ValueError)
# What a health check reports as the state's detail instead of raising.
_HEALTH_ERRORS = (ClassifierError, ollama.ResponseError, *_TRANSPORT_ERRORS)


def _keep_alive(value: str) -> float | str:
    """Ollama reads a bare number as seconds (-1: forever) but rejects it as a string,
    so "300" or "-1" from the environment are sent as numbers, "30m" as it is."""
    try:
        return float(value)
    except ValueError:
        return value


def _full_name(model: str) -> str:
    """Ollama lists `llama3.2` as `llama3.2:latest`; compare names in that form."""
    return model if ":" in model else f"{model}:latest"


class OllamaClassifier:
    backend = Backend.OLLAMA

    def __init__(
        self, *, host: str, model: str, connect_timeout: float, timeout: float, keep_alive: str
    ) -> None:
        self.host = host
        self.model = model
        self.timeout = timeout
        self.keep_alive = _keep_alive(keep_alive)
        self.connect_timeout = connect_timeout
        # One connection pool for classifying, warm-up and health checks; each call
        # sets its own time budget. It is the official client's own httpx client, so the
        # host is read as Ollama reads it ("localhost:11434" needs no scheme) and
        # OLLAMA_API_KEY, when set, is sent as a bearer token.
        self._http: httpx.Client = ollama.Client(host)._client

    def classify(self, title: str, description: str, shots: Sequence[Shot] = ()) -> Labels:
        response = self._chat(title, description, shots, timeout=self.timeout)
        labels = prompt.parse_labels(response.message.content)
        # Servers before Ollama 0.12.11 ignore the request for log probabilities.
        tokens = [(entry.token, entry.logprob) for entry in response.logprobs or ()]
        if not tokens:
            return labels
        return replace(labels, confidence=prompt.confidence(response.message.content, tokens))

    def _chat(
        self, title: str, description: str, shots: Sequence[Shot] = (), *, timeout: float
    ) -> ollama.ChatResponse:
        # The request is not streamed: Ollama sends the whole answer when generation ends.
        request = {
            "model": self.model,
            "messages": prompt.messages(title, description, shots),
            "format": prompt.SCHEMA,
            "options": OPTIONS,
            "keep_alive": self.keep_alive,
            "stream": False,
            "logprobs": True,
        }
        try:
            body = self._receive(
                "POST", "/api/chat", request, timeout=timeout, connect=self.connect_timeout
            )
            response = ollama.ChatResponse.model_validate_json(body)
        except ollama.ResponseError as error:
            raise self._response_error(error) from None
        except httpx.ConnectTimeout:
            raise ClassifierError(
                f"cannot connect to {self.host} in time", retryable=True
            ) from None
        except httpx.TimeoutException:
            raise ClassifierError(f"no answer within {timeout:g}s", retryable=False) from None
        except _TRANSPORT_ERRORS as error:
            raise ClassifierError(f"cannot reach {self.host}: {error}", retryable=True) from None
        if response.done_reason != "stop":
            # "length" means num_predict cut the JSON short: the answer is not usable.
            raise ClassifierError(
                f"generation ended with done_reason={response.done_reason!r}", retryable=False
            )
        return response

    def _receive(
        self, method: str, path: str, request: Any = None, *, timeout: float, connect: float
    ) -> bytes:
        """The body of one exchange with Ollama, complete within `timeout` seconds and
        MAX_ANSWER_BYTES (see read_answer). An error status raises the client's
        ResponseError, which reads Ollama's error message from the body."""
        deadline = time.monotonic() + timeout
        budget = httpx.Timeout(timeout, connect=min(connect, timeout))
        with self._http.stream(method, path, json=request, timeout=budget) as response:
            body = read_answer(response.iter_bytes(), deadline=deadline, timeout=timeout)
        if response.is_error:
            raise ollama.ResponseError(body.decode(errors="replace"), response.status_code)
        return body

    def _response_error(self, error: ollama.ResponseError) -> ClassifierError:
        if error.status_code == 404:
            return ClassifierError(
                f"model {self.model} is not on disk yet: it is still downloading, "
                f"or run `ollama pull {self.model}` ({error.error})",
                retryable=False,
            )
        return ClassifierError(
            f"Ollama answered {error.status_code}: {error.error}",
            retryable=error.status_code >= 500,
        )

    def warm_up(self) -> None:
        """Load the model and the prompt into Ollama so the first ticket is answered at
        full speed; a real classification also puts the system prompt in its cache."""
        try:
            self._chat(*WARM_UP_TICKET, timeout=WARM_UP_TIMEOUT)
        except ClassifierError as error:
            logger.warning("ollama warm-up of %s failed: %s", self.model, error.reason)
        else:
            logger.info("ollama model %s is loaded (keep_alive %s)", self.model, self.keep_alive)

    def health(self) -> dict:
        state = {
            "name": self.backend.value,
            "enabled": True,
            "host": self.host,
            "model": self.model,
            "reachable": False,
            "model_pulled": False,
            "loaded": False,
        }
        wanted = _full_name(self.model)
        try:
            listed = ollama.ListResponse.model_validate_json(self._probe("/api/tags"))
            pulled = {_full_name(model.model or "") for model in listed.models}
        except _HEALTH_ERRORS as error:
            return {
                **state,
                "state": BackendState.UNREACHABLE,
                "detail": f"cannot reach {self.host}: {error}",
            }
        state["reachable"] = True
        if wanted not in pulled:
            return {
                **state,
                "state": BackendState.MODEL_MISSING,
                "detail": f"model {self.model} is not on disk yet: it is still downloading, "
                f"or run `ollama pull {self.model}`",
            }
        state["model_pulled"] = True
        try:
            loaded = ollama.ProcessResponse.model_validate_json(self._probe("/api/ps"))
            running = {_full_name(model.model or "") for model in loaded.models}
        except _HEALTH_ERRORS as error:
            return {
                **state,
                "state": BackendState.LOADING,
                "detail": f"cannot list loaded models: {error}",
            }
        if wanted not in running:
            return {
                **state,
                "state": BackendState.LOADING,
                "detail": f"model {self.model} is on disk; the next request loads it",
            }
        return {
            **state,
            "loaded": True,
            "state": BackendState.READY,
            "detail": "model loaded in memory",
        }

    def _probe(self, path: str) -> bytes:
        """A health check's request: short, so /api/health/ stays cheap when Ollama hangs."""
        connect = min(self.connect_timeout, HEALTH_CONNECT_TIMEOUT)
        return self._receive("GET", path, timeout=HEALTH_TIMEOUT, connect=connect)
