"""Upgrading a desk that already has tickets: what a migration fills in from the data."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import psycopg
import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from config.tests.live_server import BACKEND, SERVER_ENV, migrated_database
from tickets.management.commands.migrate import MIGRATE_LOCK
from tickets.models import Ticket
from tickets.tests.test_stats_rollup import counted, queues_counted, queues_rolled_up, rolled_up

BEFORE = ("tickets", "0011_priority_rank_and_sort_indexes")


@pytest.mark.django_db(transaction=True)
def test_upgrading_fills_in_replies_resolution_times_and_confirmations():
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    old = executor.loader.project_state([BEFORE]).apps
    User = old.get_model("accounts", "User")
    Ticket0011 = old.get_model("tickets", "Ticket")
    Comment = old.get_model("tickets", "Comment")
    requester = User.objects.create(email="r@example.com", name="Rita", role="requester")
    agent = User.objects.create(email="a@example.com", name="Alex", role="agent")
    start = timezone.now() - timedelta(days=3)

    def ticket(status="open"):
        return Ticket0011.objects.create(
            title="t",
            description="d",
            category="general",
            priority="low",
            status=status,
            requester=requester,
        )

    def say(on, who, minutes, internal=False):
        Comment.objects.create(
            ticket=on,
            author=who,
            body="b",
            internal=internal,
            created_at=start + timedelta(minutes=minutes),
        )

    waiting, answered, silent, resolved = ticket(), ticket(), ticket(), ticket()
    say(waiting, agent, 1)
    say(waiting, requester, 2)
    say(answered, requester, 1)
    say(answered, agent, 2)
    say(answered, agent, 3, internal=True)
    Ticket0011.objects.filter(pk=resolved.pk).update(status="resolved")

    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # 0012 and whatever follows

    rows = Ticket.objects.in_bulk([waiting.pk, answered.pk, silent.pk, resolved.pk])
    assert rows[waiting.pk].last_reply_at == start + timedelta(minutes=2)
    assert rows[waiting.pk].last_reply_by_id == requester.pk
    assert rows[waiting.pk].requester_replied_at == start + timedelta(minutes=2)  # unread
    assert rows[answered.pk].last_reply_at == start + timedelta(minutes=2)  # not the note
    assert rows[answered.pk].last_reply_by_id == agent.pk
    assert rows[answered.pk].requester_replied_at is None
    assert rows[silent.pk].last_reply_at is None
    assert rows[resolved.pk].resolved_at is not None
    assert rows[waiting.pk].resolved_at is None
    # 0014: a resolved ticket kept its labels to the end, confirmed by nobody recorded.
    assert rows[resolved.pk].labels_confirmed_at == rows[resolved.pk].resolved_at
    assert rows[resolved.pk].labels_confirmed_by_id is None
    assert rows[waiting.pk].labels_confirmed_at is None
    # 0015: the stats rollup counts the tickets that were there.
    assert rolled_up() == counted() != {}
    assert queues_rolled_up() == queues_counted() != {}


WAITING_FOR_THE_LOCK = """SELECT count(*) > 0 FROM pg_stat_activity
    WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'"""


@pytest.mark.django_db(transaction=True)
def test_backends_starting_together_migrate_one_at_a_time():
    """While one process migrates, another's migrate waits for it, then finds nothing
    left to do."""
    with psycopg.connect(**connection.get_connection_params(), autocommit=True) as first:
        first.execute("SELECT pg_advisory_lock(%s, %s)", MIGRATE_LOCK)
        second = subprocess.Popen(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=BACKEND,
            env=os.environ | SERVER_ENV | {"DATABASE_URL": migrated_database()},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        deadline = time.monotonic() + 60
        while not first.execute(WAITING_FOR_THE_LOCK).fetchone()[0]:
            assert second.poll() is None, "migrate did not wait for the lock"
            assert time.monotonic() < deadline
            time.sleep(0.1)
        first.execute("SELECT pg_advisory_unlock(%s, %s)", MIGRATE_LOCK)
    output, _ = second.communicate(timeout=60)
    assert second.returncode == 0, output
    assert "No migrations to apply." in output
