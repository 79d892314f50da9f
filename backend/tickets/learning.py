"""What the classifier learns from the desk: confirmed tickets become worked examples
for the language models and training data for the learned model, which the worker
retrains after every CLASSIFIER_RETRAIN_EVERY new confirmations.

A ticket's labels are confirmed when an agent sets them (or saves them unchanged),
resolves or closes the ticket with them, or files it with both labels chosen.
"""

import logging
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import Lower
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from classifier import learned
from classifier.base import MAX_TITLE_CHARS, Shot
from tickets.models import Status, Ticket

logger = logging.getLogger(__name__)

# Statuses that end an agent's work on a ticket: the labels it ends with were kept.
FINAL = {Status.RESOLVED, Status.CLOSED}
# One training at a time across every worker: a PostgreSQL advisory lock, keyed by a
# namespace for this app's locks and one for training.
TRAINING_LOCK = (0x6465736B, 1)  # "desk"
SIMILAR_LIMIT = 3
# pg_trgm.similarity_threshold's default: the % operator's cut-off, used by the nearest
# titles, and the one requesters' own similar tickets are held to.
SIMILARITY = 0.3


def confirmation(ticket: Ticket, changes: dict[str, Any], actor: User | None) -> dict[str, Any]:
    """The fields that record an agent's confirmation, when `changes` by `actor` set or
    keep the ticket's labels; nothing otherwise. Resolving a ticket whose labels were
    confirmed already confirms nothing new."""
    if actor is None or not actor.is_agent:
        return {}
    sets_labels = bool(changes.keys() & {"category", "priority"})
    keeps_labels = changes.get("status") in FINAL and ticket.labels_confirmed_at is None
    if not (sets_labels or keeps_labels):
        return {}
    return {
        "labels_confirmed_at": timezone.now(),
        "labels_confirmed_by": actor,
        "needs_triage": False,
    }


def query_text(title: str, description: str) -> str:
    """What similar tickets are looked up by: the title, or without one the start of the
    description (titles are compared, through their trigram index)."""
    return (title.strip() or description.strip())[:MAX_TITLE_CHARS].lower()


def similar(
    title: str, description: str, tickets: QuerySet[Ticket], *, few: bool = False
) -> QuerySet[Ticket]:
    """The tickets of `tickets` whose titles are most like this ticket's (see
    query_text; pg_trgm similarity of at least SIMILARITY, pg_trgm's default threshold),
    nearest first: read in that order from the title's GiST index, or, when `tickets`
    are `few` (one requester's), ranked among them, which spares walking the index past
    every other requester's similar titles."""
    from django.contrib.postgres.search import TrigramDistance, TrigramSimilarity

    text = query_text(title, description)
    if not text:
        return tickets.none()
    if few:
        # The similarity() function, which no index serves: the planner reads the
        # requester's own rows first and ranks them.
        ranked = tickets.alias(similarity=TrigramSimilarity(Lower("title"), text))
        return ranked.filter(similarity__gte=SIMILARITY).order_by("-similarity", "-id")
    # Lower-cased, where search upper-cases: trigrams ignore case either way, and
    # search's LIKE must not be planned on this GiST index (slow for LIKE) instead of
    # its GIN one.
    matching = tickets.alias(title_lower=Lower("title")).filter(title_lower__trigram_similar=text)
    nearest = matching.alias(distance=TrigramDistance(Lower("title"), text))
    return nearest.order_by("distance", "-id")


def similar_for(person: User, title: str) -> list[Ticket]:
    """Up to three existing tickets titled like this that `person` may see: agents any,
    a requester only their own."""
    if person.is_agent:
        found = similar(title, "", Ticket.objects.all())
    else:
        found = similar(title, "", Ticket.objects.filter(requester=person), few=True)
    return list(found.only("id", "title", "status")[:SIMILAR_LIMIT])


def shots(title: str, description: str) -> list[Shot]:
    """The confirmed tickets most like this one, as worked examples for a prompt."""
    confirmed = Ticket.objects.filter(labels_confirmed_at__isnull=False)
    rows = similar(title, description, confirmed).values(
        "id", "title", "description", "category", "priority"
    )
    return [Shot(**row) for row in rows[:SIMILAR_LIMIT]]


def retrain_if_due() -> bool:
    """Queue a retraining once CLASSIFIER_RETRAIN_EVERY confirmations are newer than the
    model in use, unless one is waiting already; call it in the transaction that
    confirmed. The task checks again, so one queued by a concurrent request does
    nothing."""
    if not _due() or _retraining_waits():
        return False
    retrain_classifier.enqueue()
    return True


def new_confirmations(newest=None) -> QuerySet[Ticket]:
    """The confirmations newer than the learned model in use, `newest` when the caller
    has read it already (all, before the first)."""
    newest = newest or learned.newest()
    pending = Ticket.objects.filter(labels_confirmed_at__isnull=False)
    if newest is not None and newest.confirmed_until is not None:
        pending = pending.filter(labels_confirmed_at__gt=newest.confirmed_until)
    return pending


def _due() -> bool:
    every = settings.CLASSIFIER_RETRAIN_EVERY
    return new_confirmations()[:every].count() >= every


def _retraining_waits() -> bool:
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=retrain_classifier.module_path
    ).exists()


@task()
def retrain_classifier() -> None:
    """Retrain the learned model when it is due, unless another worker is at it."""
    train(only_if_due=True)


def train(*, only_if_due: bool = False):
    """Train and store a new learned model on the confirmed tickets (the newest first);
    None when another training holds the lock, or nothing is due.

    The lock belongs to the transaction, so it cannot outlive it (a dropped connection,
    an error, a pooler that hands the session to someone else); the transaction stays
    open, idle, while the model fits (seconds)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", TRAINING_LOCK)
        if not cursor.fetchone()[0]:
            return None
        if only_if_due and not _due():
            return None
        examples, confirmed_until = confirmed_examples()
        trained = learned.train(examples)
        saved = learned.store(trained, confirmed_until=confirmed_until)
    logger.info(
        "learned model v%s trained on %s confirmed tickets in %ss; held out: %s",
        saved.pk,
        saved.team_tickets,
        saved.seconds,
        saved.holdout,
    )
    return saved


def confirmed_examples() -> tuple[Sequence[learned.Example], Any]:
    """The newest confirmed tickets (at most learned.MAX_TRAINING_TICKETS), and the
    newest confirmation among them."""
    rows = list(
        Ticket.objects.filter(labels_confirmed_at__isnull=False)
        .order_by(F("labels_confirmed_at").desc(), "-id")
        .values_list("title", "description", "category", "priority", "labels_confirmed_at")[
            : learned.MAX_TRAINING_TICKETS
        ]
    )
    examples = [learned.Example(*row[:4]) for row in rows]
    return examples, rows[0][4] if rows else None
