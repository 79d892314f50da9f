"""gunicorn's gthread worker, hardened against slow clients, answering its own errors in JSON.

The stock gthread worker gives a connection to a thread as soon as its first bytes
arrive; the thread then blocks reading the rest of the request. A handful of clients
that send their headers and then dribble the body (or never finish their headers)
hold every thread, so nobody else is answered, and a worker stopping waits on them
until the master kills it.

This worker reads each request whole (head and body, up to the app's body limit) in
its event loop, which holds no thread, and submits it to a thread only when gunicorn's
parser will need nothing more from the socket (request_reader.py tells when). A request
that does not arrive within `request_read_timeout` seconds (REQUEST_READ_TIMEOUT, 30 by
default) is answered 408. Errors the worker answers itself (a request line over
`limit_request_line`, a header over `limit_request_field_size`, a bad Content-Length,
a malformed chunk, a body over the limit) are JSON in the API's error shape, as
config/errors.py gives, with the app's security headers:

    {"type": "client_error", "errors": [{"code": "...", "detail": "...", "attr": null}]}

Details are fixed sentences per kind of error, never the client's bytes echoed back.
"""

import contextlib
import errno
import selectors
import time
from functools import partial

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

from config.env import env_number
from request_reader import ArrivingRequest, json_error

# Parse errors gunicorn raises, first match wins.
CLIENT_ERRORS = (
    (LimitRequestLine, 414, "request_line_too_long", "The request line is too long."),
    (
        LimitRequestHeaders,
        431,
        "request_headers_too_large",
        "A request header is too long, or there are too many of them.",
    ),
    (
        ExpectationFailed,
        417,
        "expectation_failed",
        "The only expectation understood is Expect: 100-continue.",
    ),
    (
        UnsupportedTransferCoding,
        501,
        "unsupported_transfer_coding",
        "The request's transfer coding is not supported: send it chunked or with a length.",
    ),
    ((InvalidHeader, InvalidHeaderName), 400, "invalid_header", "A request header is malformed."),
    (ParseException, 400, "bad_request", "The request is malformed."),
)
# A response header the app produced is the app's fault, not the client's.
SERVER_FAULTS = (InvalidResponseHeader, InvalidResponseHeaderName, ConfigurationProblem)


class BufferedThreadWorker(ThreadWorker):
    """The gthread worker, but a thread only ever gets a request that has fully arrived."""

    request_read_timeout = env_number("REQUEST_READ_TIMEOUT", 30.0, minimum=1)
    # Where deadlines are read from; tests put a clock of their own here.
    clock = staticmethod(time.monotonic)

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
            deadline=self.clock() + self.request_read_timeout,
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
            # gunicorn sends it again as a thread takes the request; HTTP allows several
            # interim responses.
            request.awaits_continue = False
            self.send_quietly(conn, b"HTTP/1.1 100 Continue\r\n\r\n")

    def murder_pending(self):
        """Also end requests still arriving: past their deadline, or all when stopping."""
        super().murder_pending()
        now = self.clock()
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
        # The request is in memory, so from here on the socket is only written to: a
        # client that stops reading holds the thread at most this long per send.
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
            response = json_error(status, code, detail)
        else:
            self.log.exception("Error handling request %s", getattr(req, "uri", "(no URI read)"))
            detail = "Something went wrong on our side; it has been logged."
            response = json_error(500, "error", detail)
        try:
            util.write_nonblock(client, response)
        except OSError as error:
            if error.errno not in (errno.EPIPE, errno.ECONNRESET):
                self.log.debug("Failed to send error message: %s", error)
