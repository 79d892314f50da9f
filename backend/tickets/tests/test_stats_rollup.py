"""The rollups (stats' and the console queues') are exact: after every kind of write,
by any route, they hold the same counts as COUNT(*) over the tickets."""

import threading

import pytest
from django.db import connection

from tickets.models import Ticket
from tickets.selectors import ticket_stats
from tickets.tests.factories import default_requester, make_ticket

KEYS = """category, priority, status,
    suggested_category IS NOT NULL,
    COALESCE(category = suggested_category, false),
    COALESCE(priority = suggested_priority, false)"""


def counted() -> dict[tuple, int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {KEYS}, count(*) FROM tickets_ticket GROUP BY 1, 2, 3, 4, 5, 6")
        return {tuple(row[:6]): row[6] for row in cursor.fetchall()}


def rolled_up() -> dict[tuple, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT category, priority, status, classified, category_agreed,
                      priority_agreed, sum(tickets)
               FROM tickets_ticketcount GROUP BY 1, 2, 3, 4, 5, 6
               HAVING sum(tickets) <> 0"""
        )
        return {tuple(row[:6]): row[6] for row in cursor.fetchall()}


def queues_counted() -> dict[tuple, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT status, COALESCE(assignee_id, 0), needs_triage, count(*)
               FROM tickets_ticket GROUP BY 1, 2, 3"""
        )
        return {tuple(row[:3]): row[3] for row in cursor.fetchall()}


def queues_rolled_up() -> dict[tuple, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT status, assignee, needs_triage, sum(tickets) FROM tickets_queuecount
               GROUP BY 1, 2, 3 HAVING sum(tickets) <> 0"""
        )
        return {tuple(row[:3]): row[3] for row in cursor.fetchall()}


def assert_exact() -> None:
    """Both rollups: stats' and the queues'."""
    assert rolled_up() == counted()
    assert queues_rolled_up() == queues_counted()


def bulk_insert(count: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO tickets_ticket (title, description, category, priority,
                   requester_id, suggested_category, suggested_priority, classified_by)
               SELECT 't' || n, 'd',
                   (ARRAY['billing', 'technical', 'account', 'general'])[1 + n %% 4],
                   (ARRAY['low', 'medium', 'high', 'critical'])[1 + n %% 3],
                   %s,
                   CASE WHEN n %% 5 > 0 THEN 'billing' END,
                   CASE WHEN n %% 5 > 0 THEN 'high' END,
                   CASE WHEN n %% 5 > 0 THEN 'rules' END
               FROM generate_series(1, %s) AS n""",
            [default_requester().pk, count],
        )


@pytest.mark.django_db
def test_the_api_keeps_it_exact(client_as, requester, api, agent):
    filed = [
        client_as(requester)
        .post("/api/tickets/", {"title": "Charged twice", "description": text}, format="json")
        .json()
        for text in ("Refund me please", "The app crashes", "How do I export?")
    ]
    assert_exact()
    api.patch(f"/api/tickets/{filed[0]['id']}/", {"category": "general"}, format="json")
    api.patch(f"/api/tickets/{filed[1]['id']}/", {"status": "resolved"}, format="json")
    api.patch(f"/api/tickets/{filed[2]['id']}/", {"assignee": agent.pk}, format="json")
    bulk = {"ids": [f["id"] for f in filed], "status": "closed"}
    assert api.post("/api/tickets/bulk/", bulk, format="json").status_code == 200
    assert_exact()
    Ticket.objects.filter(pk=filed[2]["id"]).delete()
    assert_exact()
    stats = api.get("/api/tickets/stats/").json()
    assert stats["total_tickets"] == 2
    assert stats["status_breakdown"]["closed"] == 2
    assert stats["ai_agreement"]["classified_tickets"] == 2


@pytest.mark.django_db
def test_raw_sql_bulk_writes_and_truncate_keep_it_exact():
    bulk_insert(5000)
    assert_exact()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE tickets_ticket SET status = 'resolved' WHERE id % 3 = 0")
        cursor.execute(
            "UPDATE tickets_ticket SET category = COALESCE(suggested_category, category)"
            " WHERE id % 7 = 0"
        )
        cursor.execute("UPDATE tickets_ticket SET title = 'renamed'")  # no counted change
        cursor.execute("UPDATE tickets_ticket SET needs_triage = true WHERE id % 6 = 0")
        assert_exact()
        cursor.execute("DELETE FROM tickets_ticket WHERE id % 4 = 0")
        assert_exact()
        # The deferred foreign-key checks run first, as a commit would run them.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE tickets_ticket CASCADE")
        assert rolled_up() == {} == queues_rolled_up()
    bulk_insert(10)
    assert_exact()


@pytest.mark.django_db
def test_stats_from_the_rollup_equal_stats_counted_from_the_tickets(api):
    bulk_insert(997)
    make_ticket(status="in_progress")
    stats = api.get("/api/tickets/stats/").json()
    counts = counted()
    assert stats["total_tickets"] == sum(counts.values()) == 998
    assert stats["open_tickets"] == Ticket.objects.filter(status="open").count()
    for field in ("category", "priority", "status"):
        for value, number in stats[f"{field}_breakdown"].items():
            assert number == Ticket.objects.filter(**{field: value}).count(), (field, value)
    classified = Ticket.objects.filter(suggested_category__isnull=False)
    agreement = stats["ai_agreement"]
    assert agreement["classified_tickets"] == classified.count()
    from django.db.models import F

    agreed = classified.filter(category=F("suggested_category")).count()
    assert agreement["category_rate"] == round(agreed / classified.count(), 3)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_it_exact(requester):
    """Eight sessions create, change and delete tickets at once (each in its own
    transactions, so their shards and rows interleave)."""
    errors = []

    def write(worker: int) -> None:
        try:
            for n in range(25):
                ticket = make_ticket(
                    requester=requester,
                    category=["billing", "technical"][n % 2],
                    suggested_category="billing",
                    suggested_priority="medium",
                    classified_by="rules",
                )
                Ticket.objects.filter(pk=ticket.pk).update(status="in_progress")
                if n % 5 == worker % 5:
                    Ticket.objects.filter(pk=ticket.pk).delete()
            with connection.cursor() as cursor:
                cursor.execute(
                    "UPDATE tickets_ticket SET priority = 'high' WHERE id %% 8 = %s", [worker]
                )
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert sum(counted().values()) == Ticket.objects.count() > 100
    assert_exact()


@pytest.mark.django_db
def test_stats_of_an_empty_desk():
    assert ticket_stats()["total_tickets"] == 0
    assert ticket_stats()["avg_tickets_per_day"] == 0.0


@pytest.mark.django_db
def test_queue_counts_read_the_rollup_and_the_resolved_index(agent, django_assert_num_queries):
    from tickets.selectors import queue_counts

    make_ticket(assignee=agent)
    make_ticket(status="resolved")
    with django_assert_num_queries(2) as queries:
        counts = queue_counts(agent)
    assert counts == {
        "mine": 1,
        "unassigned": 0,
        "triage": 0,
        "open": 1,
        "resolved_recently": 1,
        "all": 2,
    }
    rollup, recent = (query["sql"] for query in queries.captured_queries)
    assert "tickets_queuecount" in rollup
    assert "resolved_at" in recent
