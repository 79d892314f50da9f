"""frontend/nginx.conf served by a real nginx (Debian's, as scripts/check-deploy gets it)
in front of the real backend: security headers on every answer and never twice, its own
errors in the API's shape, and slow clients kept away from gunicorn."""

import http.client
import json
import socket
import subprocess
import time

import httpx
import pytest

from config.tests.live_server import (
    HEALTH,
    REPO,
    Gunicorn,
    agent_token,
    classify_head,
    events_server,
    exchange,
    free_port,
    slow_client_env,
    split_response,
    wait_for_listener,
)
from tickets.tests.factories import make_ticket

BODY_LIMIT = 4096
SECURITY_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "content-security-policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    ),
}
ASSET = "/assets/index-a1b2c3d4.js"


def nginx_binary() -> str:
    result = subprocess.run(
        ["bash", "-c", "source scripts/lib.sh && nginx_binary"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return result.stdout.strip()


class Nginx:
    """frontend/nginx.conf as the image renders it, listening on a free port of this
    machine, serving `html` and proxying to `backend_port`."""

    def __init__(self, workdir, html, backend_port: int, events_port: int | None = None):
        self.port = free_port()
        config = (REPO / "frontend" / "nginx.conf").read_text()
        for image_value, here in [
            ("${MAX_REQUEST_BYTES}", str(BODY_LIMIT)),
            ("listen 80;", f"listen 127.0.0.1:{self.port};"),
            ("root /usr/share/nginx/html;", f"root {html};"),
            ("http://backend:8000;", f"http://127.0.0.1:{backend_port};"),
            ("http://events:8001;", f"http://127.0.0.1:{events_port or free_port()};"),
        ]:
            assert image_value in config, f"frontend/nginx.conf no longer has {image_value}"
            config = config.replace(image_value, here)
        (workdir / "default.conf").write_text(config)
        temp_paths = "".join(
            f"    {kind}_temp_path {workdir}/{kind};\n"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (workdir / "nginx.conf").write_text(
            f"daemon off;\nmaster_process off;\npid {workdir}/nginx.pid;\n"
            "error_log stderr;\nevents {}\nhttp {\n"
            "    types { text/html html; application/javascript js; }\n"
            f"{temp_paths}    access_log {workdir}/access.log;\n"
            f"    include {workdir}/default.conf;\n}}\n"
        )
        self.process = subprocess.Popen(
            [nginx_binary(), "-p", str(workdir), "-c", str(workdir / "nginx.conf")],
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", self.port)) != 0:
            assert self.process.poll() is None, self.process.stderr.read().decode()
            assert time.monotonic() < deadline, "nginx did not start listening"
            time.sleep(0.05)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    folder = tmp_path_factory.mktemp("html")
    (folder / "index.html").write_text("<!doctype html><title>Support desk</title>")
    (folder / "assets").mkdir()
    (folder / ASSET.lstrip("/")).write_text("export {};")
    return folder


@pytest.fixture(scope="module")
def backend(django_db_setup, tmp_path_factory):
    """The app behind gunicorn's stock gthread worker, which gives a slow client a thread
    of its own: whatever protects it from slow clients here is nginx's doing."""
    gunicorn = Gunicorn(
        tmp_path_factory.mktemp("backend") / "log",
        slow_client_env(BODY_LIMIT),
        "--worker-class",
        "gthread",
    )
    yield gunicorn
    gunicorn.stop()


@pytest.fixture(scope="module")
def events(django_db_setup, tmp_path_factory):
    with events_server(tmp_path_factory.mktemp("events")) as base:
        yield int(base.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def nginx(backend, events, html, tmp_path_factory):
    server = Nginx(tmp_path_factory.mktemp("nginx"), html, backend.port, events)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def nginx_without_backend(html, tmp_path_factory):
    server = Nginx(tmp_path_factory.mktemp("nginx-alone"), html, free_port())
    yield server
    server.stop()


def get(port: int, path: str, method: str = "GET") -> tuple[int, list[tuple[str, str]], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def security_headers(headers: list[tuple[str, str]]) -> dict[str, list[str]]:
    found = {name: [] for name in SECURITY_HEADERS}
    for name, value in headers:
        if name.lower() in found:
            found[name.lower()].append(value)
    return found


@pytest.mark.parametrize("path", ["/", "/index.html", ASSET, "/tickets/12", "/assets/gone.js"])
def test_every_answer_nginx_gives_carries_each_security_header_once(nginx, path):
    _status, headers, _body = get(nginx.port, path)
    assert security_headers(headers) == {name: [value] for name, value in SECURITY_HEADERS.items()}


def test_the_backend_keeps_its_own_security_headers_and_gets_the_missing_ones(nginx, backend):
    _status, direct, _body = get(backend.port, "/api/health/")
    _status, proxied, _body = get(nginx.port, "/api/health/")
    sent = {name: values for name, values in security_headers(direct).items() if values}
    assert sent, "the backend sends no security header of its own"
    expected = {name: [value] for name, value in SECURITY_HEADERS.items()} | sent
    assert security_headers(proxied) == expected


def test_the_backend_down_is_a_json_503_with_the_security_headers(nginx_without_backend):
    status, headers, body = get(nginx_without_backend.port, "/api/health/")
    assert status == 503
    assert dict((name.lower(), value) for name, value in headers)["content-type"] == (
        "application/json"
    )
    assert json.loads(body)["errors"][0]["code"] == "backend_unavailable"
    assert security_headers(headers) == {name: [value] for name, value in SECURITY_HEADERS.items()}


@pytest.mark.parametrize(
    ("path", "cache_control"),
    [
        (ASSET, "public, max-age=31536000, immutable"),
        ("/index.html", "no-cache"),
        ("/", "no-cache"),
        ("/tickets/12", "no-cache"),
        ("/assets/gone.js", None),
    ],
)
def test_hashed_assets_are_cached_for_good_and_the_entry_page_is_revalidated(
    nginx, path, cache_control
):
    _status, headers, _body = get(nginx.port, path)
    assert [value for name, value in headers if name.lower() == "cache-control"] == (
        [cache_control] if cache_control else []
    )


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        pytest.param(b"GARBAGE\r\n\r\n", 400, "bad_request", id="garbage"),
        pytest.param(
            b"GET /assets/gone.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
            404,
            "not_found",
            id="missing asset",
        ),
        pytest.param(
            b"POST /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            b"Content-Length: 2\r\n\r\n{}",
            405,
            "method_not_allowed",
            id="POST to a file",
        ),
        pytest.param(
            classify_head(BODY_LIMIT + 1) + b"x" * (BODY_LIMIT + 1),
            413,
            "request_too_large",
            id="body over MAX_REQUEST_BYTES",
        ),
        pytest.param(
            b"GET /api/%s HTTP/1.1\r\nHost: x\r\n\r\n" % (b"a" * 10000),
            414,
            "request_line_too_long",
            id="request line over 8 KB",
        ),
        pytest.param(
            b"GET /api/health/ HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n" % (b"a" * 20000),
            431,
            "request_headers_too_large",
            id="one 20 KB header",
        ),
    ],
)
def test_what_nginx_answers_itself_is_json_in_the_api_error_shape(
    nginx, request_bytes, status, code
):
    answer, headers, body = split_response(exchange(nginx.port, request_bytes))
    assert (answer, headers["content-type"]) == (status, "application/json")
    assert json.loads(body)["errors"][0]["code"] == code
    assert json.loads(body)["type"] == "client_error"
    assert headers["x-frame-options"] == "DENY"


def test_the_body_limit_is_the_backends(nginx):
    answer, _headers, body = split_response(exchange(nginx.port, classify_head(BODY_LIMIT + 1)))
    assert answer == 413
    assert str(BODY_LIMIT) in json.loads(body)["errors"][0]["detail"]


def test_slow_bodies_wait_in_nginx_not_in_gunicorn(nginx, backend):
    # 16 dribblers are twice the backend's threads. Had nginx passed them on, the stock
    # gthread worker would hold a thread for each until they hang up (after this
    # exchange): the health check would not be answered within its 10 s, which is far
    # from that and still generous for a loaded machine.
    ticket = json.dumps({"description": "I was charged twice, please refund"}).encode()
    dribblers = []
    try:
        for _ in range(16):
            sock = socket.create_connection(("127.0.0.1", nginx.port))
            sock.sendall(classify_head(len(ticket)) + ticket[:1])
            dribblers.append(sock)
        answer, _headers, _body = split_response(exchange(nginx.port, HEALTH, timeout=10))
    finally:
        for sock in dribblers:
            sock.close()
    assert answer == 200


@pytest.mark.django_db(transaction=True)
def test_live_updates_pass_through_as_they_happen(nginx):
    """Not buffered: an event reaches the browser within a second of the write."""
    headers = {"Authorization": f"Bearer {agent_token()}"}
    url = f"http://127.0.0.1:{nginx.port}/api/events/"
    with httpx.stream("GET", url, headers=headers, timeout=10) as response:
        assert response.status_code == 200
        lines = response.iter_lines()
        assert next(lines) == "retry: 3000"
        wait_for_listener()
        started = time.monotonic()
        ticket = make_ticket()
        data = next(line for line in lines if line.startswith("data: "))
        assert json.loads(data.removeprefix("data: ")) == {"ids": [ticket.pk]}
        assert time.monotonic() - started < 1
