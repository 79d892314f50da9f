"""Times the API over real HTTP on a large table and prints medians and p95s.

    scripts/bench [--tickets 100000] [--repeat 30]

Fills the database named by DATABASE_URL (scripts/bench gives it a throwaway embedded
one) with tickets of 100 requesters, serves the app with gunicorn on a free port, and
times each request in turn, as an agent (with a personal API token) unless it says
"as a requester".
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
from pathlib import Path

import django

BACKEND_DIR = Path(__file__).resolve().parent.parent

SEED_SQL = """
INSERT INTO tickets_ticket
    (title, description, category, priority, status, created_at, updated_at, requester_id,
     suggested_category, suggested_priority, classified_by, confidence, labels_confirmed_at)
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
    CASE WHEN (n / 16) %% 4 >= 2 THEN now() - make_interval(secs => n * 60) END
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
        cursor.execute("ANALYZE tickets_ticket")
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

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # The bench repeats classify and create faster than a client may; the throttle
    # would answer 429 instead of measuring them.
    unthrottled = {
        "THROTTLE_CLASSIFY_RATE": "100000/minute",
        "THROTTLE_CREATE_RATE": "100000/minute",
    }
    env = os.environ | {"PORT": str(port), "WEB_CONCURRENCY": "2"} | unthrottled
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=BACKEND_DIR,
        env=env,
    )
    try:
        wait_until_up(base, server)
        ticket = "A customer was charged twice for the annual plan and wants a refund today."
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
            "classify (rules)": (f"{base}/api/tickets/classify/", {"description": ticket}),
            "create (classified)": (
                f"{base}/api/tickets/",
                {"title": "Charged twice", "description": ticket},
            ),
        }
        as_requester = {
            "list, as a requester": (f"{base}/api/tickets/", None),
            "search, as a requester": (f"{base}/api/tickets/?search=refund", None),
            "similar, as a requester": (
                f"{base}/api/tickets/similar/",
                {"title": "Charged twice"},
            ),
        }
        print(f"{'request':<24}{'median ms':>10}{'p95 ms':>9}")
        for token, timed in ((agent_token, cases), (requester_token, as_requester)):
            for name, (url, body) in timed.items():
                request(url, body, token)
                times = sorted(request(url, body, token)[0] for _ in range(args.repeat))
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                print(f"{name:<24}{statistics.median(times):>10.1f}{p95:>9.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=15)


if __name__ == "__main__":
    main()
