"""Classification off the request path: a ticket is filed at once with the suggestion
known without waiting (a language model's cached answer for its text, else the learned
model's or the rules'), marked `classifying`, and the worker asks the language models.

The worker's answer replaces the suggestion, and the labels the client left to the
classifier, unless an agent has set or confirmed them meanwhile. A run holds a
transaction-level advisory lock on its ticket, so two runs for one ticket never ask
at once, and a ticket no longer `classifying` is left alone: running a task again does
nothing. When no language model answers (down, or in its skip window), it is tried
again after 30 s and 2 min; then the quick suggestion stands.
"""

import logging
from collections.abc import Sequence
from datetime import timedelta

import pghistory
from django.db import connection, transaction
from django.utils import timezone
from django_tasks import task

from classifier import Suggestion, classify
from classifier.chain import LANGUAGE_MODELS
from tickets import learning
from tickets.models import Ticket

logger = logging.getLogger(__name__)

# Delays before the second and third attempts when no language model answered.
RETRY_DELAYS = (timedelta(seconds=30), timedelta(minutes=2))
# One run per ticket at a time, across every worker: advisory locks keyed by this
# namespace and the ticket's id.
CLASSIFY_LOCK_SPACE = 0x74726961  # "tria"
# The changes that move a ticket (updated_at): a model that agrees with the quick
# suggestion changes only its provenance.
MOVES = {"category", "priority", "suggested_category", "suggested_priority", "needs_triage"}


def suggestion_fields(suggestion: Suggestion) -> dict:
    """The ticket's columns that record a suggestion and where it came from."""
    return {
        "suggested_category": suggestion.category,
        "suggested_priority": suggestion.priority,
        "classified_by": suggestion.backend,
        "classifier_model": suggestion.model,
        "prompt_version": suggestion.prompt_version,
        "confidence": suggestion.confidence,
        "suggestion_examples": list(suggestion.examples),
    }


def queue(ticket: Ticket, fill: Sequence[str]) -> None:
    """Ask the language models about a ticket just filed, in the transaction that filed
    it; `fill` names the labels the client left to the classifier."""
    classify_ticket.enqueue(ticket.pk, fill=list(fill))


@task()
def classify_ticket(ticket_id: int, *, fill: list[str], attempt: int = 1) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(%s, %s)",
            [CLASSIFY_LOCK_SPACE, ticket_id % 2**31],
        )
        if not cursor.fetchone()[0]:
            return  # another run has it
        ticket = (
            Ticket.objects.filter(pk=ticket_id, classifying=True)
            .only("title", "description")
            .first()
        )
        if ticket is None:
            return  # done already, or deleted
        # The transaction stays open, idle, while the model thinks; it holds no row.
        suggestion = classify(
            ticket.title,
            ticket.description,
            lambda: learning.shots(ticket.title, ticket.description),
        )
        if suggestion.backend not in LANGUAGE_MODELS and attempt <= len(RETRY_DELAYS):
            retry_at = timezone.now() + RETRY_DELAYS[attempt - 1]
            classify_ticket.using(run_after=retry_at).enqueue(
                ticket_id, fill=fill, attempt=attempt + 1
            )
            return
        _apply(ticket_id, suggestion, fill)


def _apply(ticket_id: int, suggestion: Suggestion, fill: Sequence[str]) -> None:
    """Record the worker's suggestion; set the labels in `fill` that still hold the
    quick suggestion's, unless an agent confirmed the labels meanwhile."""
    ticket = Ticket.objects.select_for_update().get(pk=ticket_id)
    changes = suggestion_fields(suggestion)
    if ticket.labels_confirmed_at is None:
        filled = [
            label
            for label in fill
            if getattr(ticket, label) == getattr(ticket, f"suggested_{label}")
        ]
        changes |= {label: getattr(suggestion, label) for label in filled}
        if filled:
            changes["needs_triage"] = suggestion.unsure
    changed = {name: value for name, value in changes.items() if getattr(ticket, name) != value}
    if changed.keys() & MOVES:
        changed["updated_at"] = timezone.now()
    with pghistory.context(classifier=suggestion.backend):
        Ticket.objects.filter(pk=ticket_id).update(**changed, classifying=False)
