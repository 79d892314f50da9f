from datetime import timedelta

import pytest
from django.utils import timezone

from tickets.selectors import ticket_stats
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

URL = "/api/tickets/stats/"


def test_stats_of_an_empty_desk_are_all_zero(api):
    response = api.get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "total_tickets": 0,
        "open_tickets": 0,
        "avg_tickets_per_day": 0.0,
        "priority_breakdown": {"low": 0, "medium": 0, "high": 0, "critical": 0},
        "category_breakdown": {"billing": 0, "technical": 0, "account": 0, "general": 0},
        "status_breakdown": {"open": 0, "in_progress": 0, "resolved": 0, "closed": 0},
        "ai_agreement": {"classified_tickets": 0, "category_rate": None, "priority_rate": None},
    }


def test_stats_count_every_bucket_including_zeros(api):
    make_ticket(category="billing", priority="high", status="open")
    make_ticket(category="billing", priority="low", status="closed")
    make_ticket(category="technical", priority="high", status="in_progress")
    body = api.get(URL).json()
    assert body["total_tickets"] == 3
    assert body["open_tickets"] == 1
    assert body["priority_breakdown"] == {"low": 1, "medium": 0, "high": 2, "critical": 0}
    assert body["category_breakdown"] == {"billing": 2, "technical": 1, "account": 0, "general": 0}
    assert body["status_breakdown"] == {"open": 1, "in_progress": 1, "resolved": 0, "closed": 1}


def test_average_per_day_spans_first_day_to_today_inclusive():
    today = timezone.now()
    make_ticket(created_at=today - timedelta(days=3))
    for _ in range(4):
        make_ticket(created_at=today)
    # 5 tickets over 4 calendar days = 1.25, rounded half-up to one decimal.
    assert ticket_stats()["avg_tickets_per_day"] == 1.3


def test_average_per_day_with_all_tickets_today_is_the_total():
    make_ticket()
    make_ticket()
    assert ticket_stats()["avg_tickets_per_day"] == 2.0


def test_a_future_timestamp_does_not_break_the_average():
    make_ticket(created_at=timezone.now() + timedelta(days=3))
    assert ticket_stats()["avg_tickets_per_day"] == 1.0


def test_ai_agreement_compares_final_values_with_the_suggestion():
    make_ticket(
        category="billing",
        priority="high",
        suggested_category="billing",
        suggested_priority="high",
        classified_by="rules",
    )
    make_ticket(
        category="billing",
        priority="low",
        suggested_category="billing",
        suggested_priority="high",
        classified_by="ollama",
    )
    make_ticket(
        category="account",
        priority="low",
        suggested_category="billing",
        suggested_priority="medium",
        classified_by="ollama",
    )
    make_ticket(category="account", priority="low")
    assert ticket_stats()["ai_agreement"] == {
        "classified_tickets": 3,
        "category_rate": 0.667,
        "priority_rate": 0.333,
    }


def test_stats_read_the_rollup_and_the_first_ticket_only(django_assert_num_queries):
    make_ticket()
    with django_assert_num_queries(2) as queries:
        ticket_stats()
    rollup, first = (query["sql"] for query in queries.captured_queries)
    assert "tickets_ticketcount" in rollup
    assert "LIMIT 1" in first
