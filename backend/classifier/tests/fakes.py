"""Fake Ollama and OpenAI-compatible servers for the tests: real HTTP servers on
127.0.0.1 that speak the real wire format, so the official clients are exercised
end to end. Each records the requests it received and how much of each answer went
out, and answers as its `behaviour` says; tests change the behaviour between calls."""

import json
import queue
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "llama3.2:3b"
GOOD_ANSWER = '{"category": "billing", "priority": "high"}'
# What `ollama pull` leaves on disk, as /api/tags and /api/ps describe it.
MODEL_DETAILS = {
    "parent_model": "",
    "format": "gguf",
    "family": "llama",
    "families": ["llama"],
    "parameter_size": "3.2B",
    "quantization_level": "Q4_K_M",
}


@dataclass
class Behaviour:
    content: str = GOOD_ANSWER
    status: int = 200
    error: str = ""  # the message of an error body
    delay: float = 0.0  # seconds to wait before answering a chat request
    gate: threading.Event | None = None  # a chat request waits until the test sets it
    trickle: float = 0.0  # seconds between the bytes of an answer, sent one at a time
    padding: int = 0  # bytes of blank space before the JSON, to make an answer huge
    list_delay: float = 0.0  # the same for /api/tags and /api/ps
    done_reason: str = "stop"  # finish_reason on the OpenAI side
    pulled: list[str] = field(default_factory=lambda: [MODEL])
    loaded: list[str] = field(default_factory=list)
    reject_json_schema: bool = False  # OpenAI side: a provider that only knows json_object
    # Ollama 0.12.11+: the answer's tokens and their log probabilities, sent when the
    # request asks for them; None answers as older servers do, without any.
    logprobs: list[tuple[str, float]] | None = None


def good_answer_tokens(category: float, priority: float) -> list[tuple[str, float]]:
    """GOOD_ANSWER as a model's tokens, with these log probabilities for the two label
    values' tokens and certainty for the rest."""
    return [
        ('{"', 0.0),
        ("category", 0.0),
        ('":', 0.0),
        (' "', 0.0),
        ("billing", category),
        ('",', 0.0),
        (' "', 0.0),
        ("priority", 0.0),
        ('":', 0.0),
        (' "', 0.0),
        ("high", priority),
        ('"}', 0.0),
    ]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    # The default backlog of 5 would make a burst of clients wait to connect.
    request_queue_size = 64


@dataclass(frozen=True)
class Delivery:
    """How many bytes of one answer went out before it ended or the client hung up."""

    path: str
    size: int
    sent: int


# Longer than any test waits, short enough that a forgotten gate does not hang the suite.
GATE_SECONDS = 10.0
CHUNK = 64 * 1024


class FakeServer:
    CHAT_PATH = ""

    def __init__(self) -> None:
        self.behaviour = Behaviour()
        self.requests: list[tuple[str, dict]] = []
        self.headers: list[dict[str, str]] = []
        self.deliveries: queue.Queue[Delivery] = queue.Queue()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.handle(self, None)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                server.handle(self, json.loads(self.rfile.read(length) or b"{}"))

            def log_message(self, format: str, *args: object) -> None:
                """Keep test output clean."""

        self._httpd = _Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_port}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def chats(self) -> list[dict]:
        """The bodies of the chat requests received so far."""
        return [body for path, body in self.requests if path == self.CHAT_PATH]

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def handle(self, request: BaseHTTPRequestHandler, body: dict | None) -> None:
        self.requests.append((request.path, body or {}))
        self.headers.append({name.lower(): value for name, value in request.headers.items()})
        behaviour = self.behaviour
        status, answer = self.answer(request.path, body or {})
        payload = json.dumps(answer).encode()
        size = behaviour.padding + len(payload)
        sent = 0
        try:
            request.send_response(status)
            request.send_header("Content-Type", "application/json; charset=utf-8")
            request.send_header("Content-Length", str(size))
            request.end_headers()
            for chunk in _chunks(behaviour, payload):
                if behaviour.trickle:
                    time.sleep(behaviour.trickle)
                request.wfile.write(chunk)
                request.wfile.flush()
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as a slow-answer test intends
        self.deliveries.put(Delivery(request.path, size, sent))

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        raise NotImplementedError

    def wait_for_chat(self, behaviour: Behaviour) -> None:
        time.sleep(behaviour.delay)
        if behaviour.gate is not None:
            behaviour.gate.wait(GATE_SECONDS)


class FakeOllama(FakeServer):
    CHAT_PATH = "/api/chat"

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        behaviour = self.behaviour
        if path in ("/api/tags", "/api/ps"):
            time.sleep(behaviour.list_delay)
        if path == "/api/tags":
            return 200, {"models": [_listed(name) for name in behaviour.pulled]}
        if path == "/api/ps":
            return 200, {"models": [_listed(name) for name in behaviour.loaded]}
        if path != self.CHAT_PATH:
            return 404, {"error": "404 page not found"}
        self.wait_for_chat(behaviour)
        if behaviour.status != 200:
            return behaviour.status, {"error": behaviour.error}
        if body.get("model") not in behaviour.pulled:
            return 404, {"error": f'model "{body.get("model")}" not found, try pulling it first'}
        answer = _chat(body["model"], behaviour.content, behaviour.done_reason)
        if body.get("logprobs") and behaviour.logprobs is not None:
            answer["logprobs"] = [
                {
                    "token": token,
                    "logprob": logprob,
                    "bytes": list(token.encode()),
                    "top_logprobs": [],
                }
                for token, logprob in behaviour.logprobs
            ]
        return 200, answer


class FakeOpenAI(FakeServer):
    CHAT_PATH = "/v1/chat/completions"

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        behaviour = self.behaviour
        if path != self.CHAT_PATH:
            return 404, {"error": {"message": "Not found", "type": "invalid_request_error"}}
        self.wait_for_chat(behaviour)
        if behaviour.status != 200:
            return behaviour.status, {
                "error": {"message": behaviour.error, "type": "server_error", "code": None}
            }
        if behaviour.reject_json_schema and body["response_format"]["type"] == "json_schema":
            return 400, {
                "error": {
                    "message": "'response_format.type' must be 'json_object' or 'text'",
                    "type": "invalid_request_error",
                    "param": "response_format",
                    "code": None,
                }
            }
        return 200, {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": behaviour.content},
                    "logprobs": None,
                    "finish_reason": behaviour.done_reason,
                }
            ],
            "usage": {"prompt_tokens": 420, "completion_tokens": 12, "total_tokens": 432},
        }


def _chunks(behaviour: Behaviour, payload: bytes) -> Iterator[bytes]:
    """The body as it goes out: blank padding (valid before JSON) then the answer,
    one byte at a time when it trickles."""
    step = 1 if behaviour.trickle else CHUNK
    for start in range(0, behaviour.padding, step):
        yield b" " * min(step, behaviour.padding - start)
    for start in range(0, len(payload), step):
        yield payload[start : start + step]


def _listed(name: str) -> dict:
    return {
        "name": name,
        "model": name,
        "modified_at": "2025-05-04T10:00:00.000000000Z",
        "size": 2019393189,
        "digest": "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
        "details": MODEL_DETAILS,
    }


def _chat(model: str, content: str, done_reason: str) -> dict:
    return {
        "model": model,
        "created_at": "2025-05-04T10:00:01.000000000Z",
        "message": {"role": "assistant", "content": content},
        "done_reason": done_reason,
        "done": True,
        "total_duration": 412000000,
        "load_duration": 21000000,
        "prompt_eval_count": 431,
        "prompt_eval_duration": 120000000,
        "eval_count": 14,
        "eval_duration": 260000000,
    }
