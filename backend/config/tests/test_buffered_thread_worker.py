"""BufferedThreadWorker's event-loop side, driven by hand: socket pairs for clients, a
fake clock for deadlines, and a thread pool that only records what it is given."""

import json
import logging
import os
import selectors
import socket
from concurrent.futures import Future

import pytest
from gunicorn.config import Config
from gunicorn.http.errors import (
    ExpectationFailed,
    InvalidHeaderName,
    InvalidRequestLine,
    LimitRequestLine,
    UnsupportedTransferCoding,
)
from gunicorn.workers.gthread import TConn

from config.tests.live_server import read_until_closed, split_response
from config.tests.test_request_reader import returning_within
from gunicorn_worker import BufferedThreadWorker

BODY_LIMIT = 4096
TIMEOUT = BufferedThreadWorker.request_read_timeout
POST = b"POST /api/tickets/ HTTP/1.1\r\nHost: x\r\n"


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingPool:
    """In place of the thread pool: keeps the connections handed to a thread."""

    def __init__(self):
        self.connections = []

    def submit(self, _handle, conn):
        self.connections.append(conn)
        return Future()


@pytest.fixture
def worker():
    worker = BufferedThreadWorker(
        age=1,
        ppid=os.getpid(),
        sockets=[],
        app=None,
        timeout=60,
        cfg=Config(),
        log=logging.getLogger("gunicorn.error"),
    )
    worker.clock = FakeClock()
    worker.poller = selectors.DefaultSelector()
    worker.tpool = RecordingPool()
    worker.max_body = BODY_LIMIT
    yield worker
    worker.poller.close()
    worker.tmp.close()


@pytest.fixture
def connect(worker):
    """Opens a connection to the worker as accepting one does; gives the client's end."""
    ends = []

    def connect() -> socket.socket:
        client, server = socket.socketpair()
        client.settimeout(5)
        ends.extend([client, server])
        worker.nr_conns += 1
        worker.enqueue_req(TConn(worker.cfg, server, ("127.0.0.1", 50000), ("127.0.0.1", 8000)))
        return client

    yield connect
    for end in ends:
        end.close()


def send(worker, client: socket.socket, data: bytes) -> None:
    """The client sends; the worker's event loop goes round once."""
    client.sendall(data)
    with returning_within(5):
        worker.wait_for_and_dispatch_events(timeout=1)


def nothing_sent_to(client: socket.socket) -> bool:
    client.setblocking(False)
    try:
        client.recv(1)
    except BlockingIOError:
        return True
    finally:
        client.settimeout(5)
    return False


def test_a_request_still_arriving_at_its_deadline_is_answered_408(worker, connect):
    client = connect()
    send(worker, client, POST + b"Content-Length: 5\r\n\r\nab")
    worker.clock.now += TIMEOUT - 0.001
    worker.murder_pending()
    assert worker.arriving
    assert nothing_sent_to(client)

    worker.clock.now += 0.001
    worker.murder_pending()
    status, headers, body = split_response(read_until_closed(client))
    assert (status, headers["content-type"]) == (408, "application/json")
    assert json.loads(body)["errors"][0]["code"] == "request_timeout"
    assert (worker.arriving, worker.nr_conns, worker.tpool.connections) == ({}, 0, [])


def test_bytes_trickling_in_do_not_push_the_deadline_back(worker, connect):
    client = connect()
    start = worker.clock.now
    sent = POST + b"Content-Length: 5\r\n\r\nabc"
    for count, byte in enumerate(sent, start=1):
        assert worker.arriving
        worker.clock.now = start + TIMEOUT * count / len(sent)
        send(worker, client, bytes([byte]))
        worker.murder_pending()
    assert split_response(read_until_closed(client))[0] == 408


def test_a_connection_that_sent_nothing_is_closed_without_a_word_at_its_deadline(worker, connect):
    client = connect()
    worker.clock.now += TIMEOUT
    worker.murder_pending()
    assert read_until_closed(client) == b""
    assert worker.nr_conns == 0


def test_deadlines_are_kept_connection_by_connection(worker, connect):
    early = connect()
    worker.clock.now += TIMEOUT / 2
    late = connect()
    send(worker, early, b"GET / HTTP/1.1\r\n")
    send(worker, late, b"GET / HTTP/1.1\r\n")
    worker.clock.now += TIMEOUT / 2
    worker.murder_pending()
    assert split_response(read_until_closed(early))[0] == 408
    assert nothing_sent_to(late)
    assert len(worker.arriving) == 1


def test_a_stopping_worker_closes_requests_still_arriving_without_an_answer(worker, connect):
    client = connect()
    send(worker, client, POST + b"Content-Length: 5\r\n\r\nab")
    worker.alive = False
    worker.murder_pending()
    assert read_until_closed(client) == b""
    assert worker.nr_conns == 0


def test_a_request_goes_to_a_thread_once_whole_with_every_byte_sent(worker, connect):
    client = connect()
    sent = POST + b"Transfer-Encoding: Chunked\r\n\r\n5\r\nhello\r\n"
    send(worker, client, sent)
    assert worker.tpool.connections == []

    send(worker, client, b"0\r\n\r\n")
    (conn,) = worker.tpool.connections
    assert conn.parser.unreader.take_buffered() == sent + b"0\r\n\r\n"
    assert worker.arriving == {}


@pytest.mark.parametrize(
    ("head", "answered"),
    [
        pytest.param(POST + b"Content-Length: 5\r\n", True, id="with a length"),
        pytest.param(POST + b"Transfer-Encoding: chunked\r\n", True, id="chunked"),
        pytest.param(b"POST / HTTP/1.0\r\nContent-Length: 5\r\n", False, id="HTTP/1.0"),
    ],
)
def test_a_client_expecting_100_continue_gets_it_unless_it_speaks_http_1_0(
    worker, connect, head, answered
):
    client = connect()
    send(worker, client, head + b"Expect: 100-continue\r\n\r\n")
    if answered:
        assert client.recv(1024) == b"HTTP/1.1 100 Continue\r\n\r\n"
    else:
        assert nothing_sent_to(client)


def test_a_negative_chunk_size_is_answered_400_and_the_loop_goes_on(worker, connect):
    client = connect()
    send(worker, client, POST + b"Transfer-Encoding: chunked\r\n\r\n-6\r\nxxxx")
    status, _headers, body = split_response(read_until_closed(client))
    assert (status, json.loads(body)["errors"][0]["code"]) == (400, "bad_request")
    assert (worker.arriving, worker.tpool.connections) == ({}, [])


@pytest.mark.parametrize(
    ("error", "status", "code"),
    [
        pytest.param(LimitRequestLine(5000, 4094), 414, "request_line_too_long", id="414"),
        pytest.param(InvalidRequestLine("GET <script>"), 400, "bad_request", id="400"),
        pytest.param(InvalidHeaderName("X-<script>"), 400, "invalid_header", id="400 header"),
        pytest.param(
            UnsupportedTransferCoding("<script>"), 501, "unsupported_transfer_coding", id="501"
        ),
        pytest.param(ExpectationFailed("<script>"), 417, "expectation_failed", id="417"),
    ],
)
def test_gunicorns_own_errors_are_json_with_a_fixed_detail_and_the_security_headers(
    worker, error, status, code
):
    client, server = socket.socketpair()
    with client, server:
        worker.handle_error(None, server, ("127.0.0.1", 50000), error)
        server.close()
        raw = read_until_closed(client)
    answer, headers, body = split_response(raw)
    assert (answer, json.loads(body)["errors"][0]["code"]) == (status, code)
    assert b"script" not in raw
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
