"""Faults seen from a client of the real server: gunicorn started as scripts/run starts
it, spoken to over HTTP, with the database unreachable, frozen or restarted."""

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from django.db import connection

from config.tests.live_server import agent_token, free_port, migrated_database, server


@pytest.fixture
def frozen_database() -> Iterator[str]:
    """A TCP port that accepts connections and never says a word, as a PostgreSQL that
    was sent SIGSTOP behaves (the kernel still completes the handshake)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"postgresql://desk:desk@127.0.0.1:{listener.getsockname()[1]}/desk"
    stop.set()
    thread.join()
    for peer in accepted:
        peer.close()
    listener.close()


def assert_database_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503
    assert response.headers["Content-Type"] == "application/json"
    assert int(response.headers["Retry-After"]) > 0
    [error] = response.json()["errors"]
    assert error["code"] == "database_unavailable"


# The token is never checked: finding who it belongs to needs the database.
UNCHECKED_TOKEN = "desk_unchecked"


def test_a_refused_database_is_a_503_with_retry_after(tmp_path):
    refused = f"postgresql://desk:desk@127.0.0.1:{free_port()}/desk"
    with server(tmp_path, refused, token=UNCHECKED_TOKEN) as client:
        assert_database_unavailable(client.get("/api/tickets/"))
        assert_database_unavailable(
            client.post("/api/tickets/", json={"title": "Down", "description": "Is it down?"})
        )
        assert_database_unavailable(client.get("/api/tickets/stats/"))
        # Classifying is counted in the database: nothing goes uncounted to a model.
        assert_database_unavailable(
            client.post("/api/tickets/classify/", json={"description": "App crashes"})
        )
        health = client.get("/api/health/")
        assert health.status_code == 503
        assert int(health.headers["Retry-After"]) > 0


def test_a_frozen_database_answers_503_within_the_connect_timeout(tmp_path, frozen_database):
    with server(tmp_path, frozen_database, token=UNCHECKED_TOKEN, DB_CONNECT_TIMEOUT="1") as client:
        started = time.monotonic()
        response = client.get("/api/tickets/")
        elapsed = time.monotonic() - started
    assert_database_unavailable(response)
    # libpq's connect_timeout applies per address tried; localhost tries one.
    assert elapsed < 5


@pytest.mark.django_db(transaction=True)
def test_pooled_connections_that_died_are_replaced_without_an_error(tmp_path):
    token = agent_token()
    with server(tmp_path, migrated_database(), token=token, GUNICORN_THREADS="4") as client:
        assert all(client.get("/api/tickets/").status_code == 200 for _ in range(8))
        # What a database restart does to every pooled connection.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1
        codes = [client.get("/api/tickets/").status_code for _ in range(20)]
    assert codes == [200] * 20


@pytest.mark.django_db(transaction=True)
def test_a_chunked_body_is_read_and_bounded_like_any_other(tmp_path):
    def chunks(body: bytes) -> Iterator[bytes]:
        yield from (body[start : start + 7] for start in range(0, len(body), 7))

    token = agent_token()
    with server(tmp_path, migrated_database(), token=token, MAX_REQUEST_BYTES="2048") as client:
        created = client.post(
            "/api/tickets/",
            content=chunks(b'{"title": "Chunked", "description": "Sent in pieces"}'),
            headers={"Content-Type": "application/json"},
        )
        assert created.status_code == 201
        assert created.json()["title"] == "Chunked"
        oversized = client.post(
            "/api/tickets/",
            content=chunks(b'{"title": "x", "description": "' + b"y" * 4096 + b'"}'),
            headers={"Content-Type": "application/json"},
        )
    assert oversized.status_code == 413
    assert oversized.json()["errors"][0]["code"] == "request_too_large"
