"""The cloud backend: any OpenAI-compatible chat completions endpoint, used only when
an API key is configured."""

import threading
import time
from collections.abc import Sequence

import httpx2
import openai
from openai.types.chat import ChatCompletion

from classifier import prompt
from classifier.base import (
    CLOUD_CONNECT_TIMEOUT,
    MAX_ANSWER_TOKENS,
    Backend,
    BackendState,
    ClassifierError,
    Labels,
    Shot,
    read_answer,
)

JSON_SCHEMA_FORMAT = {
    "type": "json_schema",
    "json_schema": {"name": "ticket_labels", "schema": prompt.SCHEMA, "strict": True},
}
# Providers without structured outputs still accept plain JSON mode; the prompt spells
# out the keys and parse_labels checks them.
JSON_OBJECT_FORMAT = {"type": "json_object"}


class CloudClassifier:
    backend = Backend.CLOUD

    def __init__(self, *, api_key: str, base_url: str, model: str, timeout: float) -> None:
        self.base_url = base_url
        self.model = model
        self.timeout = timeout
        # The SDK's own retries wait with backoff (and honour Retry-After up to a minute);
        # this backend retries at most once itself, right away, and only when it can help.
        self._client = openai.OpenAI(
            api_key=api_key,
            base_url=base_url,
            timeout=openai.Timeout(timeout, connect=min(timeout, CLOUD_CONNECT_TIMEOUT)),
            max_retries=0,
        )
        self._lock = threading.Lock()
        self._response_format = JSON_SCHEMA_FORMAT

    def classify(self, title: str, description: str, shots: Sequence[Shot] = ()) -> Labels:
        # One time budget for the whole call, the retry included.
        deadline = time.monotonic() + self.timeout
        try:
            return self._ask(title, description, shots, deadline)
        except ClassifierError as error:
            if not error.retryable:
                raise
        return self._ask(title, description, shots, deadline)

    def _ask(self, title: str, description: str, shots: Sequence[Shot], deadline: float) -> Labels:
        response_format = self._response_format
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise ClassifierError(f"no answer within {self.timeout:g}s", retryable=False)
        try:
            # Streamed, so that the body is read under the deadline and the size cap
            # (see read_answer) instead of whole, however slowly it comes.
            with self._client.chat.completions.with_streaming_response.create(
                model=self.model,
                messages=prompt.messages(title, description, shots),
                response_format=response_format,
                temperature=0,
                max_tokens=MAX_ANSWER_TOKENS,
                timeout=openai.Timeout(remaining, connect=min(remaining, CLOUD_CONNECT_TIMEOUT)),
            ) as response:
                body = read_answer(response.iter_bytes(), deadline=deadline, timeout=self.timeout)
        except openai.BadRequestError as error:
            if response_format is not JSON_SCHEMA_FORMAT:
                raise ClassifierError(
                    f"request refused: {error.message}", retryable=False
                ) from None
            # A provider that rejects json_schema is asked in JSON mode from now on.
            with self._lock:
                self._response_format = JSON_OBJECT_FORMAT
            return self._ask(title, description, shots, deadline)
        except (openai.APITimeoutError, httpx2.TimeoutException):
            # The time budget is spent: a retry would double the wait. (The SDK maps
            # errors while it sends; reading a streamed body raises httpx2's own.)
            raise ClassifierError(f"no answer within {self.timeout:g}s", retryable=False) from None
        except (openai.APIConnectionError, httpx2.RequestError) as error:
            raise ClassifierError(
                f"cannot reach {self.base_url}: {error}", retryable=True
            ) from None
        except openai.APIStatusError as error:
            raise ClassifierError(
                f"{self.base_url} answered {error.status_code}: {error.message}",
                retryable=error.status_code >= 500,
            ) from None
        try:
            completion = ChatCompletion.model_validate_json(body)
        except ValueError:
            raise ClassifierError(
                f"answer is not a chat completion: {body!r:.120}", retryable=False
            ) from None
        if not completion.choices:
            raise ClassifierError("answer has no choices", retryable=False)
        choice = completion.choices[0]
        if choice.finish_reason != "stop":
            raise ClassifierError(
                f"generation ended with finish_reason={choice.finish_reason!r}", retryable=False
            )
        return prompt.parse_labels(choice.message.content)

    def health(self) -> dict:
        # No request is made: it would cost money and time on every health check.
        return {
            "name": self.backend.value,
            "enabled": True,
            "state": BackendState.READY,
            "base_url": self.base_url,
            "model": self.model,
        }

    def warm_up(self) -> None:
        """Nothing to load: the provider keeps its models running, and a request costs money."""
