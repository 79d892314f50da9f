"""Times the API over real HTTP on a large table and prints medians and p95s.

    scripts/bench [--tickets 100000] [--repeat 30]

Fills the database named by DATABASE_URL (scripts/bench gives it a throwaway embedded
one) with tickets of 100 requesters, serves the app with gunicorn on a free port, and
times each request in turn, as an agent (with a personal API token) unless it says
"as a requester". Then: creates per second from 8 clients at once; how long from a
create's request to its event on an open console's live-updates stream, and creates
per second while that console listens (writes notify only then); the create
median again with a language model that takes 5 s to answer (a fake Ollama), which a
create must not wait for; and the memory of a background worker that has classified
tickets.
"""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import django
import psutil

BACKEND_DIR = Path(__file__).resolve().parent.parent
TICKET = "A customer was charged twice for the annual plan and wants a refund today."
CREATE = {"title": "Charged twice", "description": TICKET}
# Clients filing at once, and tickets each files, for creates per second.
WRITERS = 8
CREATES_EACH = 50
SLOW_MODEL_SECONDS = 5.0
WARM_UP_SECONDS = 5
SETTINGS = "DJANGO_SETTINGS_MODULE"
QUIET = ["--access-logfile", "/dev/null", "--log-level", "warning"]

SEED_SQL = """
INSERT INTO tickets_ticket
    (title, description, category, priority, status, created_at, updated_at, requester_id,
     suggested_category, suggested_priority, classified_by, confidence, labels_confirmed_at,
     resolved_at)
SELECT
    (ARRAY['Cannot log in', 'Refund request', 'App crashes on start', 'Question about plans',
           'Export is slow', 'Charged twice', 'Reset my password', 'Feature idea'])[1 + n %% 8]
        || ' #' || n,
    'Ticket ' || n || ': customer reports ' || md5(n::text) || ' on device ' || (n %% 97),
    (ARRAY['billing', 'technical', 'account', 'general'])[1 + n %% 4],
    (ARRAY['low', 'medium', 'high', 'critical'])[1 + (n / 4) %% 4],
    (ARRAY['open', 'in_progress', 'resolved', 'closed'])[1 + (n / 16) %% 4],
    now() - make_interval(secs => n * 60),
    now() - make_interval(secs => n * 60),
    (%s::bigint[])[1 + n %% cardinality(%s::bigint[])],
    -- The rules suggested them; agents changed one category in 7 and one priority in 5.
    (ARRAY['billing', 'technical', 'account', 'general'])[1 + (n + (n %% 7 = 0)::int) %% 4],
    (ARRAY['low', 'medium', 'high', 'critical'])[1 + (n / 4 + (n %% 5 = 0)::int) %% 4],
    'rules',
    0.3 + (n %% 70) / 100.0,
    -- Resolved and closed tickets had their labels confirmed.
    CASE WHEN (n / 16) %% 4 >= 2 THEN now() - make_interval(secs => n * 60) END,
    -- Resolved tickets were resolved as they were filed, not all just now.
    CASE WHEN (n / 16) %% 4 = 2 THEN now() - make_interval(secs => n * 60) END
FROM generate_series(1, %s) AS n
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(url: str, body: dict | None = None, token: str = "") -> tuple[float, dict]:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(url, data=data, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(req, timeout=30) as response:
        payload = json.loads(response.read())
    return (time.perf_counter() - started) * 1000, payload


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    for _ in range(100):
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        try:
            request(f"{base}/api/health/")
            return
        except OSError:
            time.sleep(0.2)
    sys.exit("gunicorn did not answer within 20 s")


def seed(count: int) -> tuple[str, str]:
    """The tickets, and personal API tokens of an agent and of one of the requesters."""
    from django.db import connection

    from accounts.models import ApiToken, Role, User
    from accounts.services import token_create

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE tickets_ticket, accounts_apitoken CASCADE")
    User.objects.filter(email__endswith="@bench.example").delete()
    requesters = User.objects.bulk_create(
        User(email=f"requester{n}@bench.example", name=f"Requester {n}") for n in range(100)
    )
    ids = [requester.pk for requester in requesters]
    with connection.cursor() as cursor:
        # Each row also gets its history row from the triggers: longer than a request may take.
        cursor.execute("SET statement_timeout = 0")
        started = time.perf_counter()
        cursor.execute(SEED_SQL, [ids, ids, count])
        print(f"Inserted {count} tickets in {time.perf_counter() - started:.1f} s", flush=True)
        # Vacuumed now, so autovacuum does not take the CPU in the middle of the timings.
        cursor.execute("VACUUM ANALYZE tickets_ticket")
        cursor.execute("VACUUM ANALYZE tickets_ticketevent")
    agent = User.objects.create(email="agent@bench.example", name="Agent", role=Role.AGENT)
    assert not ApiToken.objects.exists()
    return token_create(user=agent, name="bench")[1], token_create(
        user=requesters[0], name="bench"
    )[1]


def deepest_cursor(base: str, pages: int, token: str) -> str:
    url = f"{base}/api/tickets/?page_size=100"
    for _ in range(pages):
        url = request(url, token=token)[1]["next"]
    return url


@contextmanager
def gunicorn(env: dict[str, str]):
    """The app served as scripts/run serves it (2 workers), on a free port; its URL."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The bench repeats classify and create faster than a client may; the throttle
    # would answer 429 instead of measuring them.
    unthrottled = {
        "THROTTLE_CLASSIFY_RATE": "100000/minute",
        "THROTTLE_CREATE_RATE": "100000/minute",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            *QUIET,
        ],
        cwd=BACKEND_DIR,
        env=os.environ | {"PORT": str(port), "WEB_CONCURRENCY": "2"} | unthrottled | env,
    )
    try:
        wait_until_up(base, server)
        # Each worker loads the learned model in the background as it starts.
        time.sleep(WARM_UP_SECONDS)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=15)


def timed(name: str, url: str, body: dict | None, token: str, repeat: int) -> None:
    request(url, body, token)
    report(name, [request(url, body, token)[0] for _ in range(repeat)])


def report(name: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(f"{name:<32}{statistics.median(times):>10.1f}{p95:>9.1f}", flush=True)


def creates_per_second(base: str, token: str) -> float:
    def file(_: int) -> None:
        for _ in range(CREATES_EACH):
            request(f"{base}/api/tickets/", CREATE, token)

    started = time.perf_counter()
    with ThreadPoolExecutor(WRITERS) as pool:
        list(pool.map(file, range(WRITERS)))
    return WRITERS * CREATES_EACH / (time.perf_counter() - started)


@contextmanager
def console_stream(token: str):
    """An agent's live-updates stream, open on the events server
    (gunicorn_events.conf.py, with its own settings), as a readable response."""
    from tickets.models import LISTENER_CHECK_SECONDS

    port = free_port()
    events = subprocess.Popen(
        [sys.executable, "gunicorn_events.conf.py", *QUIET],
        cwd=BACKEND_DIR,
        env={name: value for name, value in os.environ.items() if name != SETTINGS}
        | {"EVENTS_PORT": str(port)},
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}", events)
        stream = urllib.request.urlopen(
            urllib.request.Request(
                f"http://127.0.0.1:{port}/api/events/",
                headers={"Authorization": f"Bearer {token}"},
            ),
            timeout=30,
        )
        stream.readline()  # retry: the stream is open
        # Its listener connects with the first stream; writers look for it each second.
        time.sleep(LISTENER_CHECK_SECONDS + 0.5)
        yield stream
        stream.close()
    finally:
        events.terminate()
        events.wait(timeout=15)


def event_latency(base: str, stream, token: str, repeat: int) -> list[float]:
    """Milliseconds from sending a create to reading its event, one at a time."""
    latencies = []
    for _ in range(repeat):
        started = time.perf_counter()
        created = request(f"{base}/api/tickets/", CREATE, token)[1]["id"]
        while f'"ids" : [{created}]' not in stream.readline().decode():
            pass
        latencies.append((time.perf_counter() - started) * 1000)
    return latencies


def slow_model_phase(token: str, repeat: int) -> None:
    """Creates with a language model that answers in SLOW_MODEL_SECONDS, and a worker
    asking it: the create median, then the worker's memory once it has classified."""
    from django.core.cache import caches

    from classifier.tests.fakes import Behaviour, FakeOllama
    from tickets.models import Ticket

    # The first phase found no model: forget that, as a restart with a model would.
    caches["classifier"].clear()
    ollama = FakeOllama()
    ollama.behaviour = Behaviour(delay=SLOW_MODEL_SECONDS)
    env = {"OLLAMA_HOST": ollama.url, "OLLAMA_TIMEOUT": str(SLOW_MODEL_SECONDS * 3)}
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=BACKEND_DIR,
        env=os.environ | env,
        stdout=subprocess.DEVNULL,
    )
    try:
        with gunicorn(env) as base:
            # Each ticket's own text: a model's answer is reused for identical text.
            url = f"{base}/api/tickets/"
            times = [
                request(url, CREATE | {"title": f"Charged twice ({n})"}, token)[0]
                for n in range(repeat)
            ]
            report(f"create (model takes {SLOW_MODEL_SECONDS:g} s)", times)
        while not Ticket.objects.filter(classified_by="ollama").exists():
            time.sleep(0.5)
        rss = psutil.Process(worker.pid).memory_info().rss / 2**20
        print(f"{'worker memory after classifying':<32}{rss:>10.0f} MB RSS", flush=True)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        ollama.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    print(f"Seeding {args.tickets} tickets...", flush=True)
    agent_token, requester_token = seed(args.tickets)
    from tickets import learning

    trained = learning.train()
    print(
        f"Trained the learned model on {trained.team_tickets} confirmed tickets "
        f"(the newest) in {trained.seconds:.1f} s",
        flush=True,
    )

    with gunicorn({}) as base:
        cases = {
            "list, first page": (f"{base}/api/tickets/", None),
            "list, 3 filters": (
                f"{base}/api/tickets/?category=billing&priority=high&status=open",
                None,
            ),
            "search 'refund'": (f"{base}/api/tickets/?search=refund", None),
            "search rare 'ab12'": (f"{base}/api/tickets/?search=ab12", None),
            "search + filter": (f"{base}/api/tickets/?search=crash&status=open", None),
            "page 200 (cursor)": (deepest_cursor(base, 200, agent_token), None),
            "open queue, by priority": (
                f"{base}/api/tickets/?queue=open&ordering=-priority",
                None,
            ),
            "unassigned, by last update": (
                f"{base}/api/tickets/?queue=unassigned&ordering=-updated_at",
                None,
            ),
            "queue counts": (f"{base}/api/tickets/queues/", None),
            "stats": (f"{base}/api/tickets/stats/", None),
            "classifier report": (f"{base}/api/classifier/report/", None),
            "similar tickets": (f"{base}/api/tickets/similar/", {"title": "Charged twice"}),
            "classify (rules)": (f"{base}/api/tickets/classify/", {"description": TICKET}),
            "create (classified)": (f"{base}/api/tickets/", CREATE),
        }
        as_requester = {
            "list, as a requester": (f"{base}/api/tickets/", None),
            "search, as a requester": (f"{base}/api/tickets/?search=refund", None),
            "similar, as a requester": (
                f"{base}/api/tickets/similar/",
                {"title": "Charged twice"},
            ),
        }
        print(f"{'request':<32}{'median ms':>10}{'p95 ms':>9}")
        for token, cases_of in ((agent_token, cases), (requester_token, as_requester)):
            for name, (url, body) in cases_of.items():
                timed(name, url, body, token, args.repeat)
        rate = creates_per_second(base, agent_token)
        print(f"{f'creates/s, {WRITERS} clients':<32}{rate:>10.0f}", flush=True)
        with console_stream(agent_token) as stream:
            report("create -> live event", event_latency(base, stream, agent_token, args.repeat))
            rate = creates_per_second(base, agent_token)
            print(f"{'creates/s, a console listening':<32}{rate:>10.0f}", flush=True)
    slow_model_phase(agent_token, args.repeat)


if __name__ == "__main__":
    main()
