from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Q,
    Sum,
    When,
)
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from classifier.reliability import share
from labels import Category, Priority
from tickets.filters import ACTIVE, QUEUES, queue_condition
from tickets.models import QueueCount, Status, Ticket, TicketCount, TicketRead


def unread_condition(reader) -> ExpressionWrapper:
    """True for a ticket whose requester replied since `reader` last opened it."""
    read_since = TicketRead.objects.filter(
        ticket=OuterRef("pk"), user=reader, read_at__gte=OuterRef("requester_replied_at")
    )
    return ExpressionWrapper(
        Q(requester_replied_at__isnull=False) & ~Exists(read_since), output_field=BooleanField()
    )


def task_queue_health() -> dict:
    """Background tasks due now and not yet run: how many, and the oldest's due time
    (a growing age means no worker is running, or too few)."""
    # A task without a start time has run_after at the end of time: due when enqueued.
    due_at = Case(When(run_after=get_date_max(), then="enqueued_at"), default="run_after")
    waiting = DBTaskResult.objects.ready().aggregate(count=Count("pk"), oldest=Min(due_at))
    return {"waiting": waiting["count"], "oldest_due_at": waiting["oldest"]}


def queue_counts(user) -> dict[str, int]:
    """How many tickets each console queue holds for `user`: from the rollup the
    database keeps (QueueCount, whose keys are a ticket's status, assignee and triage
    flag), and Resolved recently as a range of the resolved_at index. The same
    conditions as the queues' lists (queue_condition), over the rollup's columns."""
    rolled_up = {
        "mine": Q(assignee=user.pk, status__in=ACTIVE),
        "unassigned": Q(assignee=0, status__in=ACTIVE),
        "triage": Q(needs_triage=True, status__in=ACTIVE),
        "open": Q(status__in=ACTIVE),
        "all": Q(),
    }
    counts = QueueCount.objects.aggregate(
        **{
            queue: Sum("tickets", filter=condition, default=0)
            for queue, condition in rolled_up.items()
        }
    )
    recent = Ticket.objects.filter(queue_condition("resolved_recently", user)).count()
    return {queue: recent if queue == "resolved_recently" else counts[queue] for queue in QUEUES}


def ticket_stats() -> dict:
    """Counts for the dashboard, from the rollup the database keeps (TicketCount: a few
    hundred rows at any size) and the first ticket's date from the newest-first index.

    `avg_tickets_per_day` is the total divided by the number of calendar days from the
    first ticket's date to today, both days included (in TIME_ZONE), rounded half-up to
    one decimal; 0 when there are no tickets.
    """
    breakdowns = {
        "priority": Priority.values,
        "category": Category.values,
        "status": Status.values,
    }
    counts = TicketCount.objects.aggregate(
        total=Sum("tickets", default=0),
        classified=Sum("tickets", filter=Q(classified=True), default=0),
        category_agreed=Sum("tickets", filter=Q(category_agreed=True), default=0),
        priority_agreed=Sum("tickets", filter=Q(priority_agreed=True), default=0),
        **{
            f"{field}:{value}": Sum("tickets", filter=Q(**{field: value}), default=0)
            for field, values in breakdowns.items()
            for value in values
        },
    )
    total = counts["total"]
    first = Ticket.objects.order_by("created_at", "id").values_list("created_at", flat=True)
    first_at = first.first() if total else None
    return {
        "total_tickets": total,
        "open_tickets": counts[f"status:{Status.OPEN}"],
        "avg_tickets_per_day": _per_day(total, first_at and timezone.localdate(first_at)),
        **{
            f"{field}_breakdown": {value: counts[f"{field}:{value}"] for value in values}
            for field, values in breakdowns.items()
        },
        "ai_agreement": {
            "classified_tickets": counts["classified"],
            "category_rate": share(counts["category_agreed"], counts["classified"]),
            "priority_rate": share(counts["priority_agreed"], counts["classified"]),
        },
    }


def _per_day(total: int, first_day) -> float:
    if not total:
        return 0.0
    # max(): a row imported with a future timestamp must not divide by zero.
    days = max((timezone.localdate() - first_day).days + 1, 1)
    return float((Decimal(total) / Decimal(days)).quantize(Decimal("0.1"), ROUND_HALF_UP))
