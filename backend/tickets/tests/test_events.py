"""Live updates over real HTTP: the events server (gunicorn with uvicorn workers) streams
what PostgreSQL NOTIFYs as tickets are written, to agents only."""

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest
from django.db import connection, transaction
from django.test import Client

from accounts.models import Role
from accounts.tests.factories import make_person
from config.tests.live_server import agent_token, events_server, wait_for_listener
from tickets.models import NOTIFY_IDS
from tickets.tests.factories import make_ticket
from tickets.tests.test_stats_rollup import bulk_insert

pytestmark = pytest.mark.django_db(transaction=True)


class Stream:
    """An open event stream, read event by event."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.lines = lines

    def next_event(self) -> dict:
        """The next `tickets` event's data (comments and the retry line are skipped)."""
        event = None
        for line in self.lines:
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event == "tickets":
                return json.loads(line.removeprefix("data: "))


@contextmanager
def stream(base: str, token: str) -> Iterator[Stream]:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.stream("GET", f"{base}/api/events/", headers=headers, timeout=10) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        assert next(lines) == "retry: 3000"
        yield Stream(lines)


def test_agents_hear_of_each_written_ticket_within_a_second(tmp_path):
    token = agent_token()
    with events_server(tmp_path) as base, stream(base, token) as events:
        wait_for_listener()
        started = time.monotonic()
        ticket = make_ticket()
        assert events.next_event() == {"ids": [ticket.pk]}
        assert time.monotonic() - started < 1

        ticket.status = "resolved"
        ticket.save(update_fields=["status"])
        assert events.next_event() == {"ids": [ticket.pk]}

        bulk_insert(NOTIFY_IDS + 1)
        assert events.next_event() == {"ids": None}  # many: reload everything

        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM tickets_ticket WHERE id = %s", [ticket.pk])
        assert events.next_event() == {"ids": [ticket.pk]}


def test_a_write_that_rolls_back_is_never_announced(tmp_path):
    token = agent_token()
    with events_server(tmp_path) as base, stream(base, token) as events:
        wait_for_listener()
        with transaction.atomic():
            make_ticket()
            transaction.set_rollback(True)
        kept = make_ticket()
        assert events.next_event() == {"ids": [kept.pk]}


@pytest.mark.parametrize(
    ("who", "status", "code"),
    [
        (None, 401, "not_authenticated"),
        ("wrong", 401, "not_authenticated"),
        (Role.REQUESTER, 403, "permission_denied"),
    ],
)
def test_only_agents_may_listen(tmp_path, who, status, code):
    headers = {}
    if who == "wrong":
        headers["Authorization"] = "Bearer not-a-token"
    elif who is not None:
        headers["Authorization"] = f"Bearer {agent_token(who)}"
    with events_server(tmp_path) as base:
        response = httpx.get(f"{base}/api/events/", headers=headers, timeout=10)
    assert response.status_code == status
    assert response.json()["errors"][0]["code"] == code


def test_admins_may_listen(tmp_path):
    with events_server(tmp_path) as base, stream(base, agent_token(Role.ADMIN)) as events:
        wait_for_listener()
        ticket = make_ticket()
        assert events.next_event() == {"ids": [ticket.pk]}


def test_the_ui_on_another_port_of_the_same_host_may_read_it_and_no_other_site(tmp_path):
    with events_server(tmp_path) as base:
        url = f"{base}/api/events/"
        own = httpx.get(url, headers={"Origin": "http://127.0.0.1:8000"}, timeout=10)
        other = httpx.get(url, headers={"Origin": "http://evil.example"}, timeout=10)
    assert own.headers["access-control-allow-origin"] == "http://127.0.0.1:8000"
    assert own.headers["access-control-allow-credentials"] == "true"
    assert "access-control-allow-origin" not in other.headers


def test_the_apps_threaded_server_does_not_serve_the_stream(api):
    response = api.get("/api/events/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("url", "port", "expected"),
    [
        ("/api/events/", 8001, "/api/events/"),
        ("", 8001, "http://desk.example:8001/api/events/"),
        ("", 9123, "http://desk.example:9123/api/events/"),
    ],
)
def test_the_ui_is_told_where_the_stream_is(anonymous, settings, url, port, expected):
    settings.EVENTS_URL, settings.EVENTS_PORT = url, port
    settings.ALLOWED_HOSTS = ["desk.example"]
    config = anonymous.get("/api/config/", HTTP_HOST="desk.example:8000").json()
    assert config["events_url"] == expected


def test_the_ui_may_connect_to_the_stream_on_its_own_port(settings, tmp_path):
    (tmp_path / "index.html").write_text("<!doctype html><title>Desk</title>")
    settings.WHITENOISE_ROOT = tmp_path
    settings.EVENTS_PORT = 8001
    response = Client().get("/tickets/7")  # a fresh client: WhiteNoise sees tmp_path
    connect = next(
        part for part in response["Content-Security-Policy"].split(";") if "connect-src" in part
    )
    assert connect.split() == ["connect-src", "'self'", "http://testserver:8001"]


@pytest.mark.parametrize(("role", "status"), [(Role.REQUESTER, 403), (Role.AGENT, 200)])
def test_a_browser_session_is_let_in_by_role(tmp_path, role, status):
    """Browsers send their session cookie (EventSource cannot send a token)."""
    browser = Client()
    browser.force_login(make_person(role))
    cookies = {"sessionid": browser.cookies["sessionid"].value}
    with (
        events_server(tmp_path) as base,
        httpx.stream("GET", f"{base}/api/events/", cookies=cookies, timeout=10) as response,
    ):
        assert response.status_code == status
