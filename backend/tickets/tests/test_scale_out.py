"""Two web servers and two workers on one database, as on several machines: they share
nothing but PostgreSQL (and the model's endpoint). Tickets filed through both servers at
once are each classified exactly once, by one worker or the other, and the rollups stay
exact."""

import os
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

import pytest
from django.db import connection
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from accounts.models import Role
from accounts.tests.factories import make_person
from classifier.tests.conftest import fake_ollama  # noqa: F401  (a fixture)
from config.tests.live_server import BACKEND, SERVER_ENV, agent_token, migrated_database, server
from tickets.models import Ticket
from tickets.tests.test_stats_rollup import assert_exact
from tickets.triage import classify_ticket

pytestmark = pytest.mark.django_db(transaction=True)

TICKETS = 500
# Generous for a loaded CI machine: the fake model answers at once.
CLASSIFIED_WITHIN = 120


def worker(log: Path, env: dict[str, str], name: str) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            [".venv/bin/python", "manage.py", "db_worker", "--no-reload", "--worker-id", name],
            cwd=BACKEND,
            env=os.environ | env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def test_tickets_filed_through_two_servers_are_each_classified_once(
    tmp_path,
    fake_ollama,  # noqa: F811
):
    requester = make_person(Role.REQUESTER)
    token = agent_token()
    # Servers of earlier tests (which commit) may have found no model at their address.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM desk_classifier_cache")
    env = SERVER_ENV | {
        "DATABASE_URL": migrated_database(),
        "OLLAMA_HOST": fake_ollama.url,
        "OLLAMA_TIMEOUT": "30",
        "WEB_CONCURRENCY": "1",
        "GUNICORN_THREADS": "4",
    }
    with ExitStack() as stack:
        workers = [worker(tmp_path / f"{name}.log", env, name) for name in ("w1", "w2")]
        for process in workers:
            stack.callback(process.wait, 15)
            stack.callback(process.terminate)
        clients = []
        for name in ("web1", "web2"):
            (tmp_path / name).mkdir()
            clients.append(
                stack.enter_context(
                    server(tmp_path / name, migrated_database(), token=token, **env)
                )
            )

        def file(n: int) -> int:
            response = clients[n % 2].post(
                "/api/tickets/",
                json={
                    "title": f"Ticket {n} of the run",
                    "description": f"Something about case {n} is wrong.",
                    "requester": requester.pk,
                },
            )
            assert response.status_code == 201, response.text
            assert response.json()["classifying"] is True
            return response.json()["id"]

        with ThreadPoolExecutor(8) as pool:
            ids = list(pool.map(file, range(TICKETS)))

        deadline = time.monotonic() + CLASSIFIED_WITHIN
        while Ticket.objects.filter(classifying=True).exists():
            assert time.monotonic() < deadline, "the workers did not classify every ticket"
            time.sleep(0.2)

    assert len(set(ids)) == Ticket.objects.count() == TICKETS
    assert set(Ticket.objects.values_list("classified_by", flat=True)) == {"ollama"}
    asked = [chat["messages"][-1]["content"] for chat in fake_ollama.chats()]
    for n in range(TICKETS):
        assert sum(f"Title: Ticket {n} of the run\n" in text for text in asked) == 1
    tasks = DBTaskResult.objects.filter(task_path=classify_ticket.module_path)
    assert tasks.count() == TICKETS
    assert set(tasks.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}
    ran_by = {worker_id for ids in tasks.values_list("worker_ids", flat=True) for worker_id in ids}
    assert ran_by == {"w1", "w2"}
    assert_exact()
