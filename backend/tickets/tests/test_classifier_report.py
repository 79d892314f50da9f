"""GET /api/classifier/report/: how well the classifier does on confirmed tickets."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tickets import learning
from tickets.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


def suggested(category, priority, final_category, final_priority, *, by="rules", **fields):
    """A ticket the classifier suggested (category, priority) for, and an agent confirmed
    as (final_category, final_priority)."""
    fields.setdefault("labels_confirmed_at", timezone.now())
    return make_ticket(
        category=final_category,
        priority=final_priority,
        suggested_category=category,
        suggested_priority=priority,
        classified_by=by,
        **fields,
    )


def test_who_may_read_the_report(anonymous, client_as, requester, agent, admin):
    assert anonymous.get("/api/classifier/report/").status_code == 401
    assert client_as(requester).get("/api/classifier/report/").status_code == 403
    assert client_as(agent).get("/api/classifier/report/").status_code == 200
    assert client_as(admin).get("/api/classifier/report/").status_code == 200


def test_a_new_desk_has_an_empty_report(api):
    report = api.get("/api/classifier/report/").json()
    assert report["confirmed_tickets"] == 0
    assert report["overall"]["tickets"] == 0
    assert report["overall"]["category"]["accuracy"] is None
    assert report["backends"] == []
    assert len(report["weekly"]) == 12
    assert report["learned_model"] == {
        "version": None,
        "min_tickets": 50,
        "retrain_every": 20,
        "new_confirmations": 0,
    }


def test_accuracy_precision_recall_and_confusion_per_backend(api):
    suggested("billing", "high", "billing", "high", confidence=0.9)
    suggested("billing", "high", "billing", "medium", confidence=0.8)
    suggested("billing", "low", "account", "low", confidence=0.3)
    suggested("technical", "high", "technical", "high", by="ollama", confidence=None)
    # Not confirmed: not measured.
    suggested("general", "low", "billing", "high", labels_confirmed_at=None)

    report = api.get("/api/classifier/report/").json()

    assert report["confirmed_tickets"] == 4
    overall = report["overall"]
    assert (overall["tickets"], overall["both_accuracy"]) == (4, 0.5)
    assert overall["category"]["accuracy"] == 0.75
    assert overall["priority"]["accuracy"] == 0.75
    rules = next(b for b in report["backends"] if b["backend"] == "rules")
    assert [b["backend"] for b in report["backends"]] == ["ollama", "rules"]
    billing = next(label for label in rules["category"]["labels"] if label["label"] == "billing")
    # Suggested three times, right twice; two tickets are billing, both found.
    assert billing == {
        "label": "billing",
        "suggested": 3,
        "confirmed": 2,
        "precision": 0.667,
        "recall": 1.0,
    }
    account = next(label for label in rules["category"]["labels"] if label["label"] == "account")
    assert (account["precision"], account["recall"]) == (None, 0.0)
    # Rows confirmed, columns suggested: billing, technical, account, general.
    assert rules["category"]["confusion"] == [
        [2, 0, 0, 0],
        [0, 0, 0, 0],
        [1, 0, 0, 0],
        [0, 0, 0, 0],
    ]


def test_confidence_above_and_below_the_threshold_and_its_reliability(api):
    suggested("billing", "high", "billing", "high", confidence=0.95)
    suggested("billing", "high", "billing", "medium", confidence=0.92)
    suggested("billing", "low", "account", "low", confidence=0.31)
    suggested("billing", "low", "billing", "low", confidence=0.35)
    suggested("billing", "low", "billing", "low", confidence=None)

    confidence = api.get("/api/classifier/report/").json()["confidence"]

    assert confidence["threshold"] == 0.5
    assert confidence["above"] == {"tickets": 2, "accuracy": 0.5}
    assert confidence["below"] == {"tickets": 2, "accuracy": 0.5}
    assert confidence["unknown"] == {"tickets": 1, "accuracy": 1.0}
    buckets = {b["low"]: b for b in confidence["reliability"]}
    assert len(buckets) == 10
    assert buckets[0.3] == {
        "low": 0.3,
        "high": 0.4,
        "tickets": 2,
        "mean_confidence": 0.33,
        "accuracy": 0.5,
    }
    assert buckets[0.9]["tickets"] == 2
    assert buckets[0.5]["accuracy"] is None


def test_agreement_week_by_week(api):
    now = timezone.now()
    suggested("billing", "high", "billing", "high", created_at=now)
    suggested("billing", "high", "billing", "low", created_at=now)
    suggested("billing", "high", "account", "high", created_at=now - timedelta(weeks=2))
    suggested("billing", "high", "account", "high", created_at=now - timedelta(weeks=20))

    weekly = api.get("/api/classifier/report/").json()["weekly"]

    assert len(weekly) == 12
    assert weekly[-1]["tickets"] == 2
    assert (weekly[-1]["category_rate"], weekly[-1]["priority_rate"]) == (1.0, 0.5)
    assert weekly[-3]["tickets"] == 1
    assert weekly[-3]["category_rate"] == 0.0
    assert weekly[0]["category_rate"] is None
    assert sum(week["tickets"] for week in weekly) == 3


def test_the_learned_model_in_use(api, agent):
    for n in range(12):
        suggested("billing", "high", "billing", "high", title=f"Invoice {n}")
    saved = learning.train()
    suggested("billing", "high", "billing", "high")

    model = api.get("/api/classifier/report/").json()["learned_model"]

    assert model["version"] == saved.pk
    assert (model["team_tickets"], model["prior_tickets"]) == (12, 271)
    assert model["holdout"]["tickets"] == 2
    assert model["answering"] is False  # 12 of the 50 it needs
    assert model["new_confirmations"] == 1
