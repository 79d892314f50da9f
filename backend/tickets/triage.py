"""Classification off the request path: a ticket is filed at once with the suggestion
known without waiting (a language model's cached answer for its text, else the learned
model's or the rules'), marked `classifying`, and the worker asks the language models.

The worker's answer replaces the suggestion, and the labels the client left to the
classifier, unless an agent has set or confirmed them meanwhile. The model is asked
outside any transaction; the answer is applied in a short one that locks the ticket
and finds it still classifying, so running a task again, or for a ticket deleted
meanwhile, does nothing. One task per ticket exists at a time: filing queues one, and
each run queues at most its own retry, at its end; the worker's claim (SELECT … FOR
UPDATE SKIP LOCKED) gives each task to one worker. When no language model answers
(down, or in its skip window), it is tried again after 30 s and 2 min; then the quick
suggestion stands. A ticket still classifying STUCK_AFTER its filing with no task
waiting (its worker was killed mid-task) is let go by the next run and by each start
(prepare_desk).
"""

from collections.abc import Sequence
from datetime import timedelta

import pghistory
from django.db import transaction
from django.db.models import BigIntegerField, Exists, OuterRef
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from classifier import Suggestion, classify
from classifier.chain import LANGUAGE_MODELS
from tickets import learning
from tickets.models import Ticket

# Delays before the second and third attempts when no language model answered.
RETRY_DELAYS = (timedelta(seconds=30), timedelta(minutes=2))
# Longer than any run's attempts (30 s + 2 min, and the model's timeouts).
STUCK_AFTER = timedelta(minutes=10)
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


# Below mail's default priority: a burst of tickets for a slow model does not hold up
# the mail behind it.
@task(priority=-10)
def classify_ticket(ticket_id: int, *, fill: list[str], attempt: int = 1) -> None:
    let_go_stuck()
    ticket = (
        Ticket.objects.filter(pk=ticket_id, classifying=True).only("title", "description").first()
    )
    if ticket is None:
        return  # done already, or deleted
    suggestion = classify(
        ticket.title,
        ticket.description,
        lambda: learning.shots(ticket.title, ticket.description),
    )
    if suggestion.backend in LANGUAGE_MODELS:
        _apply(ticket_id, suggestion, fill)
    elif attempt <= len(RETRY_DELAYS):
        retry_at = timezone.now() + RETRY_DELAYS[attempt - 1]
        classify_ticket.using(run_after=retry_at).enqueue(ticket_id, fill=fill, attempt=attempt + 1)
    else:
        # No model answered: the suggestion filed with the ticket stands.
        Ticket.objects.filter(pk=ticket_id).update(classifying=False)


def let_go_stuck() -> int:
    """Tickets still classifying long after their filing with no task waiting for them
    (their run was killed): the quick suggestion they were filed with stands. How many
    there were. Tickets whose tasks wait for a worker that was away keep waiting."""
    waiting = (
        DBTaskResult.objects.filter(
            task_path=classify_ticket.module_path, status=TaskResultStatus.READY
        )
        .annotate(ticket=Cast(KT("args_kwargs__args__0"), BigIntegerField()))
        .filter(ticket=OuterRef("pk"))
    )
    stuck = Ticket.objects.filter(
        classifying=True, created_at__lt=timezone.now() - STUCK_AFTER
    ).exclude(Exists(waiting))
    return stuck.update(classifying=False)


def _apply(ticket_id: int, suggestion: Suggestion, fill: Sequence[str]) -> None:
    """Record the worker's suggestion; set the labels in `fill` that still hold the
    quick suggestion's, unless an agent confirmed the labels meanwhile."""
    with transaction.atomic():
        ticket = Ticket.objects.select_for_update().filter(pk=ticket_id, classifying=True).first()
        if ticket is not None:
            _record(ticket, suggestion, fill)


def _record(ticket: Ticket, suggestion: Suggestion, fill: Sequence[str]) -> None:
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
        Ticket.objects.filter(pk=ticket.pk).update(**changed, classifying=False)
