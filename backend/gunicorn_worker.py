"""gunicorn's gthread worker, hardened against slow clients, answering its own errors in JSON.

The stock gthread worker gives a connection to a thread as soon as its first bytes
arrive; the thread then blocks reading the rest of the request. A handful of clients
that send their headers and then dribble the body (or never finish their headers)
hold every thread, so nobody else is answered, and a worker stopping waits on them
until the master kills it.

This worker reads each request whole (head and body, up to the app's body limit) in
its event loop, which holds no thread, and submits it to a thread only when nothing
more has to be read. A request that does not arrive within `request_read_timeout`
seconds is answered 408. Errors the worker answers itself (a request line over
`limit_request_line`, a header over `limit_request_field_size`, a bad Content-Length,
a body over the limit) are JSON in the API's error shape, as config/errors.py gives:

    {"type": "client_error", "errors": [{"code": "...", "detail": "...", "attr": null}]}
"""

import contextlib
import errno
import json
import selectors
import time
from functools import partial
from http import HTTPStatus

from gunicorn import util
from gunicorn.http.errors import (
    ConfigurationProblem,
    ExpectationFailed,
    InvalidHeader,
    InvalidHeaderName,
    InvalidResponseHeader,
    InvalidResponseHeaderName,
    LimitRequestHeaders,
    LimitRequestLine,
    ParseException,
    UnsupportedTransferCoding,
)
from gunicorn.workers.base import Worker
from gunicorn.workers.gthread import ThreadWorker

# The largest request head read before answering 431: far above any real browser's,
# and it bounds the memory a connection can take while it is still arriving.
MAX_HEAD_BYTES = 64 * 1024
MAX_CHUNK_LINE_BYTES = 1024

# Parse errors gunicorn raises, first match wins, with a detail (None: gunicorn's own).
CLIENT_ERRORS = (
    (LimitRequestLine, 414, "request_line_too_long", "The request line is too long."),
    (
        LimitRequestHeaders,
        431,
        "request_headers_too_large",
        "A request header is too long, or there are too many of them.",
    ),
    (ExpectationFailed, 417, "expectation_failed", None),
    (UnsupportedTransferCoding, 501, "unsupported_transfer_coding", None),
    ((InvalidHeader, InvalidHeaderName), 400, "invalid_header", None),
    (ParseException, 400, "bad_request", None),
)
# A response header the app produced is the app's fault, not the client's.
SERVER_FAULTS = (InvalidResponseHeader, InvalidResponseHeaderName, ConfigurationProblem)


def json_error(status: int, code: str, detail: str) -> bytes:
    """A whole HTTP/1.1 response in the API's error shape; the connection closes after it."""
    kind = "server_error" if status >= 500 else "client_error"
    body = json.dumps({"type": kind, "errors": [{"code": code, "detail": detail, "attr": None}]})
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    return head.encode("latin-1") + body.encode()


class ArrivingRequest:
    """The bytes of one request as they arrive, and whether they are enough to serve it.

    Only what decides "read more or not" is parsed here, once: anything malformed counts
    as whole, so that gunicorn's own parser rejects it with its usual status. Each call
    of `receive` looks only at what is new, so a client sending a byte at a time costs
    no more than one sending it all at once.
    """

    def __init__(self, ahead: bytes, *, deadline: float, max_line: int, max_body: int):
        self.data = bytearray()
        self.deadline = deadline
        self.max_line = max_line
        self.max_body = max_body
        self.whole = False
        # What to answer instead of serving the request, when it is refused early.
        self.refusal = b""
        # The client waits for "100 Continue" before it sends its body.
        self.awaits_continue = False
        self.line_checked = False  # the request line is known to fit its limit
        self.body_start: int | None = None
        self.length: int | None = None  # with Content-Length
        self.chunked = False
        self.chunk_position = 0  # where the next chunk-size line starts
        self.content = 0  # chunked content bytes so far
        self.receive(ahead)

    def receive(self, data: bytes) -> None:
        searched = max(len(self.data) - 3, 0)
        self.data.extend(data)
        if self.body_start is None:
            self._read_head(searched)
        if self.body_start is None or self.whole or self.refusal:
            return
        if self.chunked:
            self._read_chunks()
        else:
            self.whole = len(self.data) - self.body_start >= self.length

    def _read_head(self, searched: int) -> None:
        head_end = self.data.find(b"\r\n\r\n", searched)
        line_limit = self.max_line + 2
        if head_end < 0 and not self.line_checked and len(self.data) > line_limit:
            self.line_checked = True
            if b"\r\n" not in self.data[:line_limit]:
                self.whole = True  # gunicorn answers 414 from what is there
                return
        if (head_end if head_end >= 0 else len(self.data)) > MAX_HEAD_BYTES:
            detail = f"The request headers are over the limit of {MAX_HEAD_BYTES} bytes."
            self.refusal = json_error(431, "request_headers_too_large", detail)
            return
        if head_end < 0:
            return
        self.body_start = self.chunk_position = head_end + 4
        fields: dict[bytes, list[bytes]] = {}
        for line in self.data[:head_end].split(b"\r\n")[1:]:
            name, colon, value = line.partition(b":")
            if not colon:
                self.whole = True
                return
            fields.setdefault(bytes(name.strip().lower()), []).append(bytes(value.strip()))
        if b"transfer-encoding" in fields:
            chunked_only = fields[b"transfer-encoding"] == [b"chunked"]
            self.chunked = chunked_only and b"content-length" not in fields
            self.whole = not self.chunked
            return
        lengths = fields.get(b"content-length", [b"0"])
        if len(lengths) != 1 or not lengths[0].isdigit():
            self.whole = True
            return
        self.length = int(lengths[0])
        if self.length > self.max_body:
            self.refuse_as_too_large()
        expect = [value.lower() for value in fields.get(b"expect", [])]
        self.awaits_continue = expect == [b"100-continue"]

    def _read_chunks(self) -> None:
        """Walks the chunks received so far; a malformed size line ends the body."""
        while True:
            line_end = self.data.find(b"\r\n", self.chunk_position)
            if line_end < 0:
                # A size line has a few hex digits and maybe an extension, never pages.
                self.whole = len(self.data) - self.chunk_position > MAX_CHUNK_LINE_BYTES
                return
            try:
                size = int(self.data[self.chunk_position : line_end].split(b";", 1)[0], 16)
            except ValueError:
                self.whole = True
                return
            if size == 0:
                # The trailer section ends with an empty line, as a head does.
                self.whole = self.data.find(b"\r\n\r\n", line_end) >= 0
                if not self.whole and len(self.data) - line_end > MAX_HEAD_BYTES:
                    self.refuse_as_too_large()
                return
            if len(self.data) < line_end + 2 + size + 2:
                if self.content + len(self.data) - line_end - 2 > self.max_body:
                    self.refuse_as_too_large()
                return
            self.content += size
            if self.content > self.max_body:
                self.refuse_as_too_large()
                return
            self.chunk_position = line_end + 2 + size + 2

    def refuse_as_too_large(self) -> None:
        detail = f"The request body is over the limit of {self.max_body} bytes."
        self.refusal = json_error(413, "request_too_large", detail)


class BufferedThreadWorker(ThreadWorker):
    """The gthread worker, but a thread only ever gets a request that has fully arrived."""

    request_read_timeout = 30.0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Deadlines grow with insertion, so this stays ordered by deadline.
        self.arriving: dict[object, ArrivingRequest] = {}
        self.max_body = 0
        self.quitting = False

    def run(self):
        from django.conf import settings

        self.max_body = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        super().run()

    def enqueue_req(self, conn):
        """Wait in the event loop until the connection's next request is whole.

        Every path to a thread comes through here: a new connection, a kept-alive one
        that became readable, and bytes a client sent ahead behind its last request.
        """
        ahead = conn.parser.unreader.take_buffered() if conn.parser else b""
        self.arriving[conn] = ArrivingRequest(
            ahead,
            deadline=time.monotonic() + self.request_read_timeout,
            max_line=self.cfg.limit_request_line,
            max_body=self.max_body,
        )
        conn.sock.setblocking(False)
        self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.receive, conn))
        self.check_request(conn)

    def receive(self, conn, _sock):
        try:
            data = conn.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError:
            data = b""
        if not data:
            self.drop(conn)
            return
        self.arriving[conn].receive(data)
        self.check_request(conn)

    def check_request(self, conn):
        request = self.arriving[conn]
        if request.refusal:
            self.drop(conn, request.refusal)
        elif request.whole:
            self.poller.unregister(conn.sock)
            del self.arriving[conn]
            conn.init()
            conn.parser.unreader.unread(bytes(request.data))
            super().enqueue_req(conn)
        elif request.awaits_continue and len(request.data) == request.body_start:
            # gunicorn sends it again once the app reads the body; HTTP allows several
            # interim responses.
            request.awaits_continue = False
            self.send_quietly(conn, b"HTTP/1.1 100 Continue\r\n\r\n")

    def murder_pending(self):
        """Also end requests still arriving: past their deadline, or all when stopping."""
        super().murder_pending()
        now = time.monotonic()
        for conn, request in list(self.arriving.items()):
            if self.alive and request.deadline > now:
                break
            if request.data and self.alive:
                detail = f"The request did not arrive within {self.request_read_timeout:g} seconds."
                self.drop(conn, json_error(408, "request_timeout", detail))
            else:
                self.drop(conn)

    def drop(self, conn, response=b""):
        """Close a connection whose request never reached a thread, answering first."""
        self.poller.unregister(conn.sock)
        del self.arriving[conn]
        if response:
            self.send_quietly(conn, response)
        # Unread bytes left in the socket would make closing it reset the connection,
        # and the client might never see the answer.
        with contextlib.suppress(OSError):
            for _ in range(16):
                if not conn.sock.recv(65536):
                    break
        self.nr_conns -= 1
        conn.close()

    @staticmethod
    def send_quietly(conn, data):
        with contextlib.suppress(OSError):
            conn.sock.send(data)

    def handle_quit(self, sig, frame):
        """Quick stop (SIGINT, SIGQUIT): exit once the requests in progress are answered.

        Ctrl-C reaches a worker twice, SIGINT from the terminal and SIGQUIT from the
        master, and gthread's handler shuts its thread pool down under a lock: run again
        inside itself, it waited for that lock for good, until the master SIGKILLed the
        worker ("Perhaps out of memory?") after graceful_timeout. One run is enough, and
        the pool is left alone: exiting waits for its threads anyway.
        """
        if self.quitting:
            return
        self.quitting = True
        Worker.handle_quit(self, sig, frame)

    def handle_request(self, req, conn):
        # The request is in memory; this bounds writing the response to a client that
        # stops reading, so a thread is never held for good.
        conn.sock.settimeout(self.request_read_timeout)
        return super().handle_request(req, conn)

    def handle_error(self, req, client, addr, exc):
        """gunicorn's own error answers, as JSON instead of its HTML page."""
        ip = (addr or ("",))[0]
        if isinstance(exc, ParseException) and not isinstance(exc, SERVER_FAULTS):
            status, code, detail = next(
                (status, code, detail)
                for kind, status, code, detail in CLIENT_ERRORS
                if isinstance(exc, kind)
            )
            self.log.warning("Invalid request from ip=%s: %s", ip, exc)
            response = json_error(status, code, detail or str(exc))
        else:
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
            detail = "Something went wrong on our side; it has been logged."
            response = json_error(500, "error", detail)
        try:
            util.write_nonblock(client, response)
        except OSError as error:
            if error.errno not in (errno.EPIPE, errno.ECONNRESET):
                self.log.debug("Failed to send error message: %s", error)
