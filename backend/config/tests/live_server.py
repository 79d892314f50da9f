"""Real processes for the serving tests: gunicorn as scripts/run and the image start it,
and HTTP spoken over raw sockets, so that what the server does with odd or slow clients
is what is measured."""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from django.db import connection

from accounts.models import Role
from accounts.services import token_create, user_create

REPO = Path(__file__).resolve().parents[3]
BACKEND = REPO / "backend"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str) -> str:
    """The test run's DATABASE_URL, naming the database `name` (the migrated test one)."""
    return urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()


class Gunicorn:
    """gunicorn started as scripts/run and the image start it, in a session of its own
    as a terminal job would be, its output kept in `log`."""

    def __init__(self, log: Path, env: dict[str, str], *args: str):
        self.port = free_port()
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [BACKEND / ".venv/bin/python", "gunicorn.conf.py", *args],
                cwd=BACKEND,
                env={**os.environ, "PORT": str(self.port), **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until_serving(self.port, self.process)

    def output(self) -> str:
        return self.log.read_text()

    def interrupt(self) -> float:
        """Ctrl-C: SIGINT to the whole process group. Returns the seconds until it exited."""
        started = time.monotonic()
        os.killpg(self.process.pid, signal.SIGINT)
        self.process.wait(timeout=30)
        return time.monotonic() - started

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def wait_until_serving(port: int, process: subprocess.Popen, timeout: float = 120) -> None:
    """Until /api/health/ answers at all: 503 (no database) is an answer too."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health/", timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"nothing answered on port {port} within {timeout} s")


def exchange(port: int, data: bytes, timeout: float = 10) -> bytes:
    """Sends raw bytes and returns everything the server sends until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        return read_until_closed(sock)


def read_until_closed(sock: socket.socket) -> bytes:
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def split_response(raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of the first response in `raw`."""
    head, _, body = raw.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", len(body)))
    return int(status_line.split()[1]), headers, body[:length]


# No model is consulted, and requests are never throttled here.
SERVER_ENV = {
    "SECRET_KEY": "test-only-secret-key",
    "WEB_CONCURRENCY": "1",
    "OLLAMA_HOST": "http://127.0.0.1:9",
    "LLM_API_KEY": "",
    "THROTTLE_CLASSIFY_RATE": "100000/minute",
    "THROTTLE_CREATE_RATE": "100000/minute",
}


@contextmanager
def server(
    log_dir: Path, database: str, *, token: str | None = None, **env: str
) -> Iterator[httpx.Client]:
    """gunicorn as scripts/run starts it, with one worker, and a client for it that
    sends the given personal API token."""
    gunicorn = Gunicorn(log_dir / "gunicorn.log", SERVER_ENV | {"DATABASE_URL": database} | env)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with httpx.Client(
            base_url=f"http://127.0.0.1:{gunicorn.port}", headers=headers, timeout=20
        ) as client:
            yield client
    finally:
        gunicorn.stop()


def migrated_database() -> str:
    """The migrated test database, for a server in another process."""
    return database_url(connection.settings_dict["NAME"])


HEALTH = b"GET /api/health/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def classify_head(length: int, *extra: bytes) -> bytes:
    """The head of a classify request whose body of `length` bytes is still to come."""
    return b"".join(
        [
            b"POST /api/tickets/classify/ HTTP/1.1\r\nHost: 127.0.0.1\r\n",
            b"Content-Type: application/json\r\nConnection: close\r\n",
            *extra,
            b"Content-Length: %d\r\n\r\n" % length,
        ]
    )


def slow_client_env(body_limit: int) -> dict[str, str]:
    """A server on the migrated test database with 8 threads in all, whatever the
    caller's environment says: the slow-client tests send twice as many dribblers,
    which more threads would absorb without any protection."""
    return SERVER_ENV | {
        "DATABASE_URL": migrated_database(),
        "MAX_REQUEST_BYTES": str(body_limit),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
    }


def agent_token(role: Role = Role.AGENT) -> str:
    """A personal API token of a new agent (or other role), committed, so that a server
    in another process accepts it. The caller must allow database access."""
    person = user_create(
        email=f"{role}-{uuid.uuid4().hex}@example.com",
        name=f"Live {role.label}",
        role=role,
        password=None,
    )
    return token_create(user=person, name="live server tests")[1]


def authorized(head: bytes, token: str) -> bytes:
    """A raw request's head with the token's Authorization header added."""
    request_line, _, rest = head.partition(b"\r\n")
    return b"%s\r\nAuthorization: Bearer %s\r\n%s" % (request_line, token.encode(), rest)


@contextmanager
def events_server(tmp_path) -> Iterator[str]:
    """The live-updates server as scripts/run and the image start it, on the migrated
    test database; its base URL."""
    port = free_port()
    env = os.environ | SERVER_ENV | {"DATABASE_URL": migrated_database(), "EVENTS_PORT": str(port)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    with (tmp_path / "events.log").open("wb") as log:
        process = subprocess.Popen(
            [BACKEND / ".venv/bin/python", "gunicorn_events.conf.py"],
            cwd=BACKEND,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=15)


def wait_for_listener() -> None:
    """Until the events server's listening connection is up, and this connection will
    look for it at its next write (writers remember the answer for a second)."""
    from tickets.models import LISTENER_CHECK, LISTENER_NAME

    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while True:
            cursor.execute(
                """SELECT count(*) FROM pg_stat_activity
                   WHERE application_name = %s AND query LIKE 'LISTEN %%'""",
                [LISTENER_NAME],
            )
            if cursor.fetchone()[0]:
                break
            assert time.monotonic() < deadline, "the events server never listened"
            time.sleep(0.05)
        cursor.execute("SELECT set_config(%s, '', false)", [LISTENER_CHECK])
