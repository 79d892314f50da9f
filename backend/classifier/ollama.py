"""The local backend: a small Llama model served by Ollama, answering through the
official client with the answer constrained to the label schema."""

import logging
from functools import cached_property

import httpx
import ollama

from classifier import prompt
from classifier.base import (
    HEALTH_CONNECT_TIMEOUT,
    HEALTH_TIMEOUT,
    MAX_ANSWER_TOKENS,
    WARM_UP_TIMEOUT,
    BackendState,
    ClassifierError,
    Labels,
)
from classifier.labels import Backend

logger = logging.getLogger(__name__)

# Every request uses the same options: a different num_ctx makes Ollama reload the
# model, and temperature 0 with a fixed seed gives the same answer for the same ticket.
NUM_CTX = 2048
OPTIONS = {"temperature": 0, "seed": 7, "num_predict": MAX_ANSWER_TOKENS, "num_ctx": NUM_CTX}

WARM_UP_TICKET = ("Cannot log in", "The password reset link says it has expired.")

# What the ollama client raises when the server cannot be reached or answers garbage:
# it turns connect errors into the builtin ConnectionError and lets the rest of httpx's
# errors through; a body that is not a chat response fails validation (a ValueError).
_TRANSPORT_ERRORS = (ConnectionError, httpx.HTTPError, ValueError)


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
        # The request is not streamed, so Ollama sends the whole body when generation
        # ends: the read timeout bounds the total wait for the answer.
        self.connect_timeout = connect_timeout
        self._client = ollama.Client(host, timeout=httpx.Timeout(timeout, connect=connect_timeout))

    # Health checks and warm-up need other timeouts, so other clients, made on first use.
    @cached_property
    def _probe(self) -> ollama.Client:
        timeout = httpx.Timeout(
            HEALTH_TIMEOUT, connect=min(self.connect_timeout, HEALTH_CONNECT_TIMEOUT)
        )
        return ollama.Client(self.host, timeout=timeout)

    @cached_property
    def _warm(self) -> ollama.Client:
        timeout = httpx.Timeout(WARM_UP_TIMEOUT, connect=self.connect_timeout)
        return ollama.Client(self.host, timeout=timeout)

    def classify(self, title: str, description: str) -> Labels:
        return prompt.parse_labels(self._chat(self._client, title, description))

    def _chat(self, client: ollama.Client, title: str, description: str) -> str | None:
        try:
            response = client.chat(
                model=self.model,
                messages=prompt.messages(title, description),
                format=prompt.SCHEMA,
                options=OPTIONS,
                keep_alive=self.keep_alive,
            )
        except ollama.ResponseError as error:
            raise self._response_error(error) from None
        except httpx.ConnectTimeout:
            raise ClassifierError(
                f"cannot connect to {self.host} in time", retryable=True
            ) from None
        except httpx.TimeoutException:
            raise ClassifierError(f"no answer within {self.timeout:g}s", retryable=False) from None
        except _TRANSPORT_ERRORS as error:
            raise ClassifierError(f"cannot reach {self.host}: {error}", retryable=True) from None
        if response.done_reason != "stop":
            # "length" means num_predict cut the JSON short: the answer is not usable.
            raise ClassifierError(
                f"generation ended with done_reason={response.done_reason!r}", retryable=False
            )
        return response.message.content

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
            self._chat(self._warm, *WARM_UP_TICKET)
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
            pulled = {_full_name(model.model or "") for model in self._probe.list().models}
        except (ollama.ResponseError, *_TRANSPORT_ERRORS) as error:
            return {**state, "state": BackendState.UNREACHABLE, "detail": f"{self.host}: {error}"}
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
            running = {_full_name(model.model or "") for model in self._probe.ps().models}
        except (ollama.ResponseError, *_TRANSPORT_ERRORS) as error:
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
