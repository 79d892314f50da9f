"""The classification tasks queued in a test's transaction, and running them as the
worker would (the worker itself, which commits, runs in test_scale_out.py)."""

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tickets.triage import classify_ticket


def classifications(*, later: bool = False) -> list[DBTaskResult]:
    """Those due now, oldest first; with `later`, also those waiting to be tried again."""
    tasks = DBTaskResult.objects.filter(task_path=classify_ticket.module_path)
    waiting = tasks.filter(status=TaskResultStatus.READY) if later else tasks.ready()
    return list(waiting.order_by("enqueued_at"))


def run_classifications(*, later: bool = False) -> None:
    for result in classifications(later=later):
        result.delete()
        classify_ticket.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
