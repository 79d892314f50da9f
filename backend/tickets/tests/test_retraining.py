"""Retraining in the background worker: agents' confirmations queue it, the worker runs
it, and no request waits for it."""

import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django_tasks_db.models import DBTaskResult

import classifier
from classifier import learned
from classifier.models import LearnedModel
from tickets.learning import retrain_classifier
from tickets.tests.factories import make_ticket

# The worker closes its database connection between tasks, as it does in production,
# so these tests commit instead of running inside one rolled-back transaction.
pytestmark = pytest.mark.django_db(transaction=True)

NEW = {"title": "Invoice 2001 is wrong", "description": "Our accountant needs it fixed."}


def run_worker() -> None:
    """What `manage.py db_worker` does, for the tasks queued so far."""
    call_command("db_worker", "--batch", "--no-reload", "--no-startup-delay", verbosity=0)


def retrainings_queued() -> int:
    return DBTaskResult.objects.filter(task_path__endswith="retrain_classifier").count()


def invoice_tickets(count: int) -> list[int]:
    return [
        make_ticket(
            title=f"Invoice {1000 + n} is wrong",
            description=f"Our accountant asks about invoice {1000 + n}.",
            category="billing",
            priority="medium",
        ).pk
        for n in range(count)
    ]


def test_a_team_convention_is_learned_within_the_retrain_count(api, settings):
    """This team calls every invoice ticket high; the rules say medium. After the
    configured number of agents' corrections the worker retrains, and the desk suggests
    the team's convention."""
    settings.CLASSIFIER_RETRAIN_EVERY = 20
    settings.CLASSIFIER_LEARNED_MIN_TICKETS = 20
    assert api.post("/api/tickets/classify/", NEW, format="json").json()["suggested_priority"] == (
        "medium"
    )

    ids = invoice_tickets(20)
    for pk in ids[:19]:
        api.patch(f"/api/tickets/{pk}/", {"priority": "high"}, format="json")
    assert retrainings_queued() == 0
    api.patch(f"/api/tickets/{ids[19]}/", {"priority": "high"}, format="json")
    assert retrainings_queued() == 1
    assert not LearnedModel.objects.exists()  # queued, not run by the request

    run_worker()
    classifier.reset()

    model = LearnedModel.objects.get()
    assert model.team_tickets == 20
    answer = api.post("/api/tickets/classify/", NEW, format="json").json()
    assert (answer["backend"], answer["suggested_priority"]) == ("learned", "high")

    # The next retraining waits for 20 more confirmations.
    api.patch(f"/api/tickets/{ids[0]}/", {"priority": "high"}, format="json")
    assert retrainings_queued() == 1


def test_one_retraining_waits_at_a_time_and_an_extra_one_does_nothing(api, settings):
    settings.CLASSIFIER_RETRAIN_EVERY = 5
    for pk in invoice_tickets(6):
        api.patch(f"/api/tickets/{pk}/", {"priority": "high"}, format="json")
    assert retrainings_queued() == 1  # the sixth finds one waiting
    retrain_classifier.enqueue()  # as two requests confirming at once may
    run_worker()
    assert LearnedModel.objects.count() == 1


def test_retraining_never_blocks_a_request(api, requester, client_as, settings, monkeypatch):
    """While a model trains in the worker, people keep classifying, filing and
    confirming tickets at full speed, with the model they had."""
    settings.CLASSIFIER_RETRAIN_EVERY = 3
    for pk in invoice_tickets(3):
        api.patch(f"/api/tickets/{pk}/", {"priority": "high"}, format="json")
    training, release = threading.Event(), threading.Event()
    real_train = learned.train

    def slow_train(*args, **kwargs):
        training.set()
        release.wait(30)
        return real_train(*args, **kwargs)

    monkeypatch.setattr(learned, "train", slow_train)
    worker = threading.Thread(target=_worker_thread)
    worker.start()
    try:
        assert training.wait(30)
        started = time.monotonic()
        assert api.post("/api/tickets/classify/", NEW, format="json").status_code == 200
        filed = client_as(requester).post("/api/tickets/", NEW, format="json")
        assert filed.status_code == 201
        confirm = {"category": "billing"}
        assert (
            api.patch(f"/api/tickets/{filed.json()['id']}/", confirm, format="json").status_code
            == 200
        )
        assert time.monotonic() - started < 5
        assert not LearnedModel.objects.exists()
    finally:
        release.set()
        worker.join(60)
    assert LearnedModel.objects.count() == 1


def _worker_thread() -> None:
    """The task as the worker runs it (the worker itself wants the main thread, for its
    signal handlers)."""
    try:
        retrain_classifier.call()
    finally:
        connection.close()


def test_one_training_at_a_time(agent):
    """While one worker trains, another's training (or the command) does not start."""
    from django.core.management.base import CommandError

    from tickets import learning

    invoice_tickets(3)
    holding, release = threading.Event(), threading.Event()

    def hold_the_lock():
        try:
            with connection.cursor() as cursor, transaction.atomic():
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", learning.TRAINING_LOCK)
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    try:
        assert holding.wait(30)
        assert learning.train() is None
        with pytest.raises(CommandError, match="Another training is running"):
            call_command("train_classifier")
    finally:
        release.set()
        holder.join(30)
    assert learning.train() is not None
