"""How well the classifier does on the tickets agents confirmed: per backend and per
label, weekly, by confidence, and which learned model is in use (GET
/api/classifier/report/ and the Accuracy page)."""

from collections import Counter
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from classifier import learned
from classifier.base import Backend
from classifier.reliability import reliability, share
from labels import Category, Priority
from tickets.learning import new_confirmations
from tickets.models import Ticket

FIELDS = {"category": list(Category.values), "priority": list(Priority.values)}
WEEKS = 12


def classifier_report(now: datetime | None = None) -> dict:
    now = now or timezone.now()
    confirmed = Ticket.objects.filter(
        labels_confirmed_at__isnull=False, classified_by__isnull=False
    )
    groups = Counter()
    for row in confirmed.values(
        "classified_by", "suggested_category", "category", "suggested_priority", "priority"
    ).annotate(tickets=Count("id")):
        groups[
            (
                row["classified_by"],
                row["suggested_category"],
                row["category"],
                row["suggested_priority"],
                row["priority"],
            )
        ] += row["tickets"]
    backends = [
        _backend_report(name, {key: n for key, n in groups.items() if key[0] == name})
        for name in Backend.values
    ]
    return {
        "confirmed_tickets": sum(groups.values()),
        "overall": _backend_report("all", groups),
        "backends": [backend for backend in backends if backend["tickets"]],
        "weekly": _weekly(confirmed, now),
        "confidence": _confidence(confirmed),
        "learned_model": _learned_model(),
    }


def _backend_report(name: str, groups: dict[tuple, int]) -> dict:
    tickets = sum(groups.values())
    pairs = {
        "category": Counter(),
        "priority": Counter(),
    }
    both = 0
    for (_, s_cat, cat, s_pri, pri), n in groups.items():
        pairs["category"][(cat, s_cat)] += n
        pairs["priority"][(pri, s_pri)] += n
        both += n if (s_cat, s_pri) == (cat, pri) else 0
    fields = {}
    for field, labels in FIELDS.items():
        counts = pairs[field]
        right = sum(n for (actual, suggested), n in counts.items() if actual == suggested)
        fields[field] = {
            "accuracy": share(right, tickets),
            "labels": [_label(label, counts) for label in labels],
            # Rows: the label agents confirmed; columns: the suggestion.
            "confusion": [
                [counts[(actual, suggested)] for suggested in labels] for actual in labels
            ],
        }
    return {
        "backend": name,
        "tickets": tickets,
        "both_accuracy": share(both, tickets),
        "category": fields["category"],
        "priority": fields["priority"],
    }


def _label(label: str, counts: Counter) -> dict:
    suggested = sum(n for (_, s), n in counts.items() if s == label)
    actual = sum(n for (a, _), n in counts.items() if a == label)
    right = counts[(label, label)]
    return {
        "label": label,
        "suggested": suggested,
        "confirmed": actual,
        "precision": share(right, suggested),
        "recall": share(right, actual),
    }


def _agreed():
    return Q(category=F("suggested_category")) & Q(priority=F("suggested_priority"))


def _weekly(confirmed, now: datetime) -> list[dict]:
    """The last WEEKS weeks by the week the ticket was filed, empty weeks included."""
    today = timezone.localdate(now)
    this_week = today - timedelta(days=today.weekday())
    first = this_week - timedelta(weeks=WEEKS - 1)
    rows = {
        row["week"].date() if isinstance(row["week"], datetime) else row["week"]: row
        for row in confirmed.filter(created_at__date__gte=first)
        .annotate(week=TruncWeek("created_at"))
        .values("week")
        .annotate(
            tickets=Count("id"),
            category_agreed=Count("id", filter=Q(category=F("suggested_category"))),
            priority_agreed=Count("id", filter=Q(priority=F("suggested_priority"))),
        )
    }
    weeks = []
    for index in range(WEEKS):
        week = first + timedelta(weeks=index)
        row = rows.get(week, {"tickets": 0, "category_agreed": 0, "priority_agreed": 0})
        weeks.append(
            {
                "week": week,
                "tickets": row["tickets"],
                "category_rate": share(row["category_agreed"], row["tickets"]),
                "priority_rate": share(row["priority_agreed"], row["tickets"]),
            }
        )
    return weeks


def _confidence(confirmed) -> dict:
    """Whether confidence means something: how often suggestions at each confidence
    were right (both labels kept), and above vs below the threshold."""
    rows = confirmed.values("confidence").annotate(
        tickets=Count("id"), right=Count("id", filter=_agreed())
    )
    return reliability(
        ((row["confidence"], row["tickets"], row["right"]) for row in rows),
        settings.CLASSIFIER_CONFIDENCE_THRESHOLD,
    )


def _learned_model() -> dict | None:
    model = learned.newest()
    state = {
        "min_tickets": settings.CLASSIFIER_LEARNED_MIN_TICKETS,
        "retrain_every": settings.CLASSIFIER_RETRAIN_EVERY,
        "new_confirmations": new_confirmations(model).count(),
    }
    if model is None:
        return state | {"version": None}
    return state | {
        "version": model.pk,
        "trained_at": model.trained_at,
        "team_tickets": model.team_tickets,
        "prior_tickets": model.prior_tickets,
        "holdout": model.holdout,
        "seconds": model.seconds,
        "answering": model.team_tickets >= settings.CLASSIFIER_LEARNED_MIN_TICKETS,
    }
