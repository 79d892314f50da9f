"""Every rule of the ticket table holds for raw SQL, not only through Django."""

import pytest
from django.db import DataError, IntegrityError, connection, transaction

from tickets.tests.factories import default_requester

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Printer offline",
    "description": "The office printer shows offline since this morning.",
    "category": "technical",
    "priority": "low",
}


def insert(**overrides) -> dict:
    row = VALID | {"requester_id": default_requester().pk} | overrides
    columns = ", ".join(row)
    placeholders = ", ".join(["%s"] * len(row))
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO tickets_ticket ({columns}) VALUES ({placeholders}) "
            "RETURNING status, created_at, updated_at, suggested_category, classified_by",
            list(row.values()),
        )
        status, created_at, updated_at, suggested_category, classified_by = cursor.fetchone()
    return {
        "status": status,
        "created_at": created_at,
        "updated_at": updated_at,
        "suggested_category": suggested_category,
        "classified_by": classified_by,
    }


def test_defaults_come_from_the_database():
    row = insert()
    assert row["status"] == "open"
    assert row["created_at"] is not None
    assert row["updated_at"] == row["created_at"]
    assert row["suggested_category"] is None
    assert row["classified_by"] is None


def test_a_full_valid_row_is_accepted():
    row = insert(
        status="closed",
        suggested_category="billing",
        suggested_priority="high",
        classified_by="ollama",
    )
    assert row["status"] == "closed"
    assert row["classified_by"] == "ollama"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("title", ""),
        ("title", "   \t\n"),
        ("description", ""),
        ("description", "  \n "),
        ("description", "x" * 10_001),
        ("category", "sales"),
        ("category", "Billing"),
        ("priority", "urgent"),
        ("status", "pending"),
        ("suggested_category", "sales"),
        ("suggested_priority", "urgent"),
        ("classified_by", "gpt"),
    ],
)
def test_check_constraints_reject_bad_values(column, value):
    with pytest.raises(IntegrityError):
        insert(**{column: value})


@pytest.mark.parametrize(
    "suggestion",
    [
        {"suggested_category": "billing"},
        {"suggested_priority": "high"},
        {"classified_by": "rules"},
        {"suggested_category": "billing", "suggested_priority": "high"},
        {"suggested_category": "billing", "classified_by": "ollama"},
    ],
)
def test_a_suggestion_is_all_set_or_all_null(suggestion):
    with pytest.raises(IntegrityError, match="ticket_suggestion_all_or_nothing"):
        insert(**suggestion)


@pytest.mark.parametrize(
    "column", ["title", "description", "category", "priority", "status", "requester_id"]
)
def test_required_columns_reject_null(column):
    with pytest.raises(IntegrityError):
        insert(**{column: None})


def test_a_requester_must_exist():
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    with pytest.raises(IntegrityError):
        insert(requester_id=10**9)


def test_title_is_limited_to_200_characters():
    insert(title="x" * 200)
    with pytest.raises(DataError):
        insert(title="x" * 201)


def test_description_of_exactly_the_limit_is_accepted():
    insert(description="x" * 10_000)


def test_pg_trgm_and_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'tickets_ticket'")
        indexes = {name for (name,) in cursor.fetchall()}
    assert {
        "ticket_newest",
        "ticket_category_newest",
        "ticket_priority_newest",
        "ticket_status_newest",
        "ticket_title_trgm",
        "ticket_description_trgm",
    } <= indexes
