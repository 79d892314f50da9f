"""gunicorn as deployed (gunicorn.conf.py with gunicorn_worker.py), over real sockets:
slow clients hold no thread, its own error answers are JSON, and it stops quickly."""

import json
import os
import signal
import socket
import subprocess
import time

import pytest

from accounts.models import User, hash_token
from config.tests.live_server import (
    BACKEND,
    HEALTH,
    Gunicorn,
    agent_token,
    authorized,
    classify_head,
    exchange,
    read_until_closed,
    slow_client_env,
    split_response,
)

# The server runs on the migrated test database, which pytest-django creates only when a
# test collected in the run is marked as using it: this module's tests say so.
pytestmark = pytest.mark.django_db

BODY_LIMIT = 4096
TICKET = json.dumps({"description": "I was charged twice this month, please refund"}).encode()


@pytest.fixture(scope="module")
def server_env(django_db_setup):
    return slow_client_env(BODY_LIMIT)


@pytest.fixture(scope="module")
def token(django_db_setup, django_db_blocker):
    """Committed for the server to see, so removed afterwards by hand: no test's
    rollback or flush covers a module's fixture."""
    with django_db_blocker.unblock():
        secret = agent_token()
    yield secret
    with django_db_blocker.unblock():
        User.objects.filter(api_tokens__key_hash=hash_token(secret)).delete()


@pytest.fixture(scope="module")
def server(server_env, tmp_path_factory):
    gunicorn = Gunicorn(tmp_path_factory.mktemp("gunicorn") / "log", server_env)
    yield gunicorn
    gunicorn.stop()


def chunked_head(*transfer_encoding: bytes) -> bytes:
    return classify_head(0).replace(b"Content-Length: 0\r\n", b"".join(transfer_encoding))


@pytest.mark.parametrize(
    "dribble",
    [
        pytest.param(classify_head(len(TICKET)) + TICKET[:1], id="Content-Length"),
        pytest.param(chunked_head(b"Transfer-Encoding: Chunked\r\n") + b"5\r\n{", id="Chunked"),
        pytest.param(
            chunked_head(b"Transfer-Encoding: identity, chunked\r\n") + b"5\r\n{",
            id="identity, chunked",
        ),
        pytest.param(
            chunked_head(b"Transfer-Encoding: identity\r\n", b"Transfer-Encoding: chunked\r\n")
            + b"5\r\n{",
            id="two Transfer-Encoding lines",
        ),
        pytest.param(
            chunked_head(b"Transfer-Encoding: chunked\r\n") + b"5;name=" + b"v" * 2000,
            id="a 2 KB chunk-size line",
        ),
    ],
)
def test_a_request_is_answered_while_16_clients_dribble_their_bodies(server, dribble):
    # 16 clients are twice the threads (2 workers x 4): a worker that gives each one a
    # thread blocked on its body answers nobody else until they hang up (after this
    # exchange) or the 30 s read timeout. 10 s is far from either, and leaves a loaded
    # machine plenty of time for a request that is not kept waiting.
    dribblers = []
    try:
        for _ in range(16):
            sock = socket.create_connection(("127.0.0.1", server.port))
            sock.sendall(dribble)
            dribblers.append(sock)
        status, _headers, _body = split_response(exchange(server.port, HEALTH, timeout=10))
    finally:
        for sock in dribblers:
            sock.close()
    assert status == 200


def test_a_body_that_arrives_in_pieces_reaches_the_app_whole(server, token):
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(authorized(classify_head(len(TICKET)), token))
        for start in range(0, len(TICKET), 8):
            time.sleep(0.02)
            sock.sendall(TICKET[start : start + 8])
        status, _headers, body = split_response(read_until_closed(sock))
    assert status == 200
    assert json.loads(body)["suggested_category"] == "billing"


def test_a_chunked_body_reaches_the_app_whole(server, token):
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (TICKET[:20], TICKET[20:]))
    head = authorized(chunked_head(b"Transfer-Encoding: chunked\r\n"), token)
    status, _headers, body = split_response(exchange(server.port, head + chunks + b"0\r\n\r\n"))
    assert status == 200
    assert json.loads(body)["suggested_category"] == "billing"


@pytest.mark.parametrize(
    ("head", "body"),
    [
        pytest.param(classify_head(len(TICKET), b"Expect: 100-continue\r\n"), TICKET, id="length"),
        pytest.param(
            chunked_head(b"Expect: 100-continue\r\n", b"Transfer-Encoding: chunked\r\n"),
            b"%x\r\n%s\r\n0\r\n\r\n" % (len(TICKET), TICKET),
            id="chunked",
        ),
    ],
)
def test_a_client_that_expects_100_continue_gets_it_before_sending_its_body(
    server, token, head, body
):
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(authorized(head, token))
        assert sock.recv(1024) == b"HTTP/1.1 100 Continue\r\n\r\n"
        sock.sendall(body)
        raw = read_until_closed(sock)
    while raw.startswith(b"HTTP/1.1 100 Continue\r\n\r\n"):
        raw = raw.removeprefix(b"HTTP/1.1 100 Continue\r\n\r\n")
    assert split_response(raw)[0] == 200


def test_requests_sent_back_to_back_on_one_connection_are_all_answered(server):
    first = HEALTH.replace(b"Connection: close\r\n", b"")
    raw = exchange(server.port, first + HEALTH)
    assert raw.count(b"HTTP/1.1 200 OK\r\n") == 2


OVERSIZED_HEADERS = b"".join(b"X-Filler-%d: %s\r\n" % (n, b"x" * 1000) for n in range(70))


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        pytest.param(
            b"GET /api/%s HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" % (b"a" * 5000),
            414,
            "request_line_too_long",
            id="request line over 4 KB",
        ),
        pytest.param(
            b"GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: %s\r\n\r\n" % (b"a" * 20000),
            431,
            "request_headers_too_large",
            id="one 20 KB header",
        ),
        pytest.param(
            b"GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1\r\n%s\r\n" % OVERSIZED_HEADERS,
            431,
            "request_headers_too_large",
            id="70 KB of headers",
        ),
        pytest.param(
            classify_head(0).replace(b"Content-Length: 0", b"Content-Length: 12abc"),
            400,
            "invalid_header",
            id="bad Content-Length",
        ),
        pytest.param(
            classify_head(BODY_LIMIT + 1) + b"{",
            413,
            "request_too_large",
            id="Content-Length over the limit",
        ),
        pytest.param(
            chunked_head(b"Transfer-Encoding: chunked\r\n")
            + b"%x\r\n%s\r\n" % (BODY_LIMIT + 1, b"x" * (BODY_LIMIT + 1)),
            413,
            "request_too_large",
            id="chunked body over the limit",
        ),
        pytest.param(
            chunked_head(b"Transfer-Encoding: chunked\r\n") + b"-6\r\nxxxx",
            400,
            "bad_request",
            id="negative chunk size",
        ),
        pytest.param(
            b"GET /api/health/ HTTP/1.1\nHost: 127.0.0.1\n\n", 400, "bad_request", id="bare LF"
        ),
        pytest.param(
            b"GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-<script>: 1\r\n\r\n",
            400,
            "invalid_header",
            id="bad header name",
        ),
        pytest.param(b"NOT AN HTTP <script>\r\n\r\n", 400, "bad_request", id="garbage"),
    ],
)
def test_what_gunicorn_refuses_itself_is_answered_in_the_api_error_shape(
    server, request_bytes, status, code
):
    answer, headers, body = split_response(exchange(server.port, request_bytes))
    assert (answer, headers["content-type"]) == (status, "application/json")
    error = json.loads(body)
    assert error["type"] == "client_error"
    assert [{**item, "detail": "..."} for item in error["errors"]] == [
        {"code": code, "detail": "...", "attr": None}
    ]
    assert error["errors"][0]["detail"]
    assert b"script" not in body, "the detail never echoes what the client sent"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_a_request_that_does_not_arrive_in_time_is_answered_408(server_env, tmp_path):
    gunicorn = Gunicorn(tmp_path / "log", {**server_env, "REQUEST_READ_TIMEOUT": "1"})
    try:
        started = time.monotonic()
        answer, _headers, body = split_response(
            exchange(gunicorn.port, classify_head(len(TICKET)) + TICKET[:5])
        )
        silent = exchange(gunicorn.port, b"")
        elapsed = time.monotonic() - started
    finally:
        gunicorn.stop()
    assert answer == 408
    assert json.loads(body)["errors"][0]["code"] == "request_timeout"
    assert silent == b"", "a connection that never sent anything is closed without a word"
    # Deadlines are tested to the millisecond with a fake clock in
    # test_buffered_thread_worker.py. Here, only that the setting took: the default
    # would take 30 s, so a loose bound tells them apart on however loaded a machine.
    assert elapsed < 20


@pytest.mark.parametrize("how", ["SIGINT to the process group", "SIGTERM to the master"])
def test_it_stops_quickly_and_quietly_whatever_its_clients_are_doing(server_env, tmp_path, how):
    gunicorn = Gunicorn(tmp_path / "log", server_env)
    clients = []
    try:
        for sending in (
            [
                HEALTH.replace(b"Connection: close\r\n", b""),  # then kept alive
                HEALTH[:30],  # never finishes its headers
                classify_head(len(TICKET)) + TICKET[:5],  # never finishes its body
                b"",  # opened, nothing sent
            ]
            * 3
        ):
            sock = socket.create_connection(("127.0.0.1", gunicorn.port), timeout=5)
            sock.sendall(sending)
            clients.append(sock)
        assert clients[0].recv(65536).startswith(b"HTTP/1.1 200 OK")
        # Time for the workers to accept the other connections and read what they sent:
        # signalled sooner, the stop would meet a listen backlog, not these clients.
        time.sleep(0.5)
        if how.startswith("SIGINT"):
            seconds = gunicorn.interrupt()
        else:
            started = time.monotonic()
            gunicorn.process.send_signal(signal.SIGTERM)
            gunicorn.process.wait(timeout=30)
            seconds = time.monotonic() - started
    finally:
        for sock in clients:
            sock.close()
        gunicorn.stop()
    log = gunicorn.output()
    # A worker that waited on its clients would be killed at graceful_timeout (10 s);
    # stopping takes about 2 s (gthread lets kept-alive connections linger that long),
    # and the rest is margin for a loaded machine.
    assert seconds < 8, log
    assert "SIGKILL" not in log
    assert "Traceback" not in log


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("WEB_CONCURRENCY", "two", "WEB_CONCURRENCY must be a number, got 'two'"),
        ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY must be at least 1, got '0'"),
        ("GUNICORN_THREADS", "2.5", "GUNICORN_THREADS must be a whole number, got '2.5'"),
        ("PORT", "0", "PORT must be at least 1, got '0'"),
    ],
)
def test_a_bad_server_setting_stops_gunicorn_naming_it(server_env, variable, value, message):
    result = subprocess.run(
        [BACKEND / ".venv/bin/python", "gunicorn.conf.py", "--check-config"],
        cwd=BACKEND,
        env={**os.environ, **server_env, variable: value},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert message in result.stderr


def test_empty_server_settings_mean_their_defaults(server_env):
    # gunicorn's own int("") on WEB_CONCURRENCY would crash before reading its config.
    empty = dict.fromkeys(["HOST", "PORT", "WEB_CONCURRENCY", "GUNICORN_THREADS"], "")
    result = subprocess.run(
        [BACKEND / ".venv/bin/python", "gunicorn.conf.py", "--check-config"],
        cwd=BACKEND,
        env={**os.environ, **server_env, **empty},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
