"""Measures how the API answers while its database goes away under load.

    python -m bench.outage [--backend DIR]      (from backend/, about 45 s)

Starts a throwaway embedded PostgreSQL, migrates it with DIR's manage.py and serves
DIR with its gunicorn.conf.py (2 workers x 4 threads). DIR defaults to this backend;
an older checkout's backend gives "before" figures (it runs on this Python). Eight
clients then create tickets non-stop for 14 s, in two scenarios, each on a fresh server:

    stop    3 s in, the database is stopped, and started again 5 s later
    freeze  3 s in, PostgreSQL is sent SIGSTOP, and SIGCONT 5 s later

For each it prints the statuses, how many error answers were JSON and how many 503s
carried Retry-After, the latency of the requests that overlapped the outage, the
failures from 1 s after the database was back (pooled connections that died with it),
requests that hung past the client's 30 s timeout, and the tickets in the table
against the 201s received. Under steady load every pooled connection meets the outage
and is dropped, so last, with no request in flight, the database is restarted once
more and the statuses of the next 64 requests show whether stale connections fail.
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import psycopg

from bench.api import free_port
from embedded_db import start, stop

BACKEND_DIR = Path(__file__).resolve().parent.parent
CLIENTS = 8
LOAD_SECONDS = 14.0
FAULT_AT = 3.0
FAULT_SECONDS = 5.0
SETTLED_AFTER = 1.0
CLIENT_TIMEOUT = 30.0
IDLE_REQUESTS = 64

# Brings the database down, and back; returns when it went down and came back.
Fault = Callable[[], tuple[float, float]]


@dataclass
class Answer:
    title: str
    started: float  # seconds since the scenario began
    latency: float  # seconds
    status: int | str  # an HTTP status, or "timeout" / "no answer"
    json: bool = False
    retry_after: bool = False


@contextmanager
def server(backend: Path, database_url: str, log: Path) -> Iterator[str]:
    """gunicorn serving `backend` on a free port; yields its base URL once it answers."""
    port = free_port()
    env = os.environ | {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "GUNICORN_THREADS": "4",
        "THROTTLE_CLASSIFY_RATE": "1000000/second",
        "THROTTLE_CREATE_RATE": "1000000/second",
        "OLLAMA_HOST": "http://127.0.0.1:9",
        "LLM_API_KEY": "",
        "DB_CONNECT_TIMEOUT": "2",
    }
    command = [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"]
    command += ["--access-logfile", "/dev/null"]
    with log.open("ab") as output:
        process = subprocess.Popen(command, cwd=backend, env=env, stdout=output, stderr=output)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/api/health/", timeout=5)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    sys.exit(f"gunicorn did not start:\n{log.read_text()}")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def agent_headers(backend: Path, env: dict[str, str]) -> dict[str, str]:
    """A personal API token of a new agent, as a header; none for a backend from before
    sign-in existed (it has no create_api_token and needs none)."""

    def manage(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=backend,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
        )

    if manage("help", "create_api_token").returncode != 0:
        return {}
    manage("create_user", "agent@bench.example", "--role", "agent", stdin="bench only pass\n")
    token = manage("create_api_token", "agent@bench.example").stdout.strip()
    return {"Authorization": f"Bearer {token}"}


def create_tickets(
    base: str, headers: dict[str, str], prefix: str, began: float, answers: list[Answer]
) -> None:
    """One client: POST tickets back to back until LOAD_SECONDS have passed."""
    with httpx.Client(base_url=base, headers=headers, timeout=CLIENT_TIMEOUT) as client:
        number = 0
        while time.monotonic() - began < LOAD_SECONDS:
            number += 1
            title = f"{prefix} {number}"
            body = {"title": title, "description": "The export button does nothing."}
            sent = time.monotonic()
            answer = Answer(title, sent - began, 0.0, "no answer")
            try:
                response = client.post("/api/tickets/", json=body)
            except httpx.TimeoutException:
                answer.status = "timeout"
            except httpx.TransportError:
                pass
            else:
                answer.status = response.status_code
                answer.json = response.headers.get("Content-Type", "").startswith(
                    "application/json"
                )
                answer.retry_after = "Retry-After" in response.headers
            answer.latency = time.monotonic() - sent
            answers.append(answer)


def under_load(
    base: str, headers: dict[str, str], name: str, fault: Fault
) -> tuple[list[Answer], float, float]:
    """Run the clients, and `fault` FAULT_AT seconds in; return the answers and when the
    outage began and ended (seconds since the start)."""
    answers: list[Answer] = []
    began = time.monotonic()
    clients = [
        threading.Thread(target=create_tickets, args=(base, headers, f"{name} {n}", began, answers))
        for n in range(CLIENTS)
    ]
    for client in clients:
        client.start()
    time.sleep(FAULT_AT)
    down, back = fault()
    for client in clients:
        client.join()
    return answers, down - began, back - began


def stopped(data_dir: Path) -> Fault:
    def fault() -> tuple[float, float]:
        down = time.monotonic()
        stop(data_dir)
        time.sleep(FAULT_SECONDS)
        start(data_dir)
        return down, time.monotonic()

    return fault


def frozen(data_dir: Path) -> Fault:
    def fault() -> tuple[float, float]:
        postmaster = psutil.Process(int((data_dir / "postmaster.pid").read_text().split()[0]))
        processes = [postmaster, *postmaster.children(recursive=True)]
        for process in processes:
            process.send_signal(signal.SIGSTOP)
        down = time.monotonic()
        time.sleep(FAULT_SECONDS)
        back = time.monotonic()
        for process in reversed(processes):
            process.send_signal(signal.SIGCONT)
        return down, back

    return fault


def restart_while_idle(base: str, headers: dict[str, str], data_dir: Path) -> Counter:
    """Give every server thread a pooled connection, restart the database with no request
    in flight, and count the statuses of the requests that follow."""

    def list_tickets(_: int) -> int:
        return httpx.get(
            f"{base}/api/tickets/", headers=headers, timeout=CLIENT_TIMEOUT
        ).status_code

    with ThreadPoolExecutor(2 * CLIENTS) as pool:
        list(pool.map(list_tickets, range(IDLE_REQUESTS)))
        stop(data_dir)
        start(data_dir)
        return Counter(pool.map(list_tickets, range(IDLE_REQUESTS)))


def report(name: str, database_url: str, answers: list[Answer], down: float, back: float) -> None:
    statuses = Counter(answer.status for answer in answers)
    errors = [a for a in answers if isinstance(a.status, int) and a.status >= 400]
    unavailable = [a for a in answers if a.status == 503]
    outage = [a for a in answers if a.started < back and a.started + a.latency > down]
    latencies = [a.latency * 1000 for a in outage] or [0.0]
    settled = [a for a in answers if a.started >= back + SETTLED_AFTER]
    created = {a.title for a in answers if a.status == 201}
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT title FROM tickets_ticket WHERE title LIKE %s", [f"{name} %"]
        ).fetchall()
    stored = {title for (title,) in rows}
    lines = {
        "outage": f"{down:.1f} s to {back:.1f} s after the start",
        "statuses": counts(statuses),
        "errors in JSON": f"{sum(a.json for a in errors)} of {len(errors)}",
        "503s with Retry-After": f"{sum(a.retry_after for a in unavailable)} of {len(unavailable)}",
        "latency in outage": (
            f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms"
            f" ({len(outage)} requests)"
        ),
        f"failed from +{SETTLED_AFTER:.0f} s after": (
            f"{sum(a.status != 201 for a in settled)} of {len(settled)}"
        ),
        f"hung past {CLIENT_TIMEOUT:.0f} s": str(statuses["timeout"]),
        "rows vs 201s": (
            f"{len(rows)} rows, {len(created)} 201s: {len(created - stored)} lost, "
            f"{len(stored - created)} extra"
        ),
    }
    table(name, lines)


def counts(statuses: Counter) -> str:
    ordered = sorted(statuses.items(), key=lambda item: str(item[0]))
    return ", ".join(f"{status}: {count}" for status, count in ordered)


def table(name: str, lines: dict[str, str]) -> None:
    print(name)
    for label, value in lines.items():
        print(f"  {label:<24}{value}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", type=Path, default=BACKEND_DIR)
    args = parser.parse_args()
    backend = args.backend.resolve()

    with tempfile.TemporaryDirectory(prefix="outage-") as folder:
        data_dir, log = Path(folder) / "postgres", Path(folder) / "gunicorn.log"
        database_url = start(data_dir)
        try:
            env = os.environ | {"DATABASE_URL": database_url, "SECRET_KEY": "bench-only"}
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--verbosity", "0"],
                cwd=backend,
                env=env,
                check=True,
            )
            headers = agent_headers(backend, env)
            print(f"{backend}: {CLIENTS} clients creating tickets for {LOAD_SECONDS:.0f} s")
            for name, fault in [("stop", stopped(data_dir)), ("freeze", frozen(data_dir))]:
                with server(backend, database_url, log) as base:
                    answers, down, back = under_load(base, headers, name, fault)
                report(name, database_url, answers, down, back)
            with server(backend, database_url, log) as base:
                statuses = restart_while_idle(base, headers, data_dir)
            table("idle restart", {f"{IDLE_REQUESTS} requests after it": counts(statuses)})
        finally:
            stop(data_dir)


if __name__ == "__main__":
    main()
