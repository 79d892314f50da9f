import re
from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Lower
from django.utils import timezone

from config.filters import StrictChoiceFilter, WholeNumberFilter
from labels import Category, Priority
from tickets.models import TITLE_MAX_LENGTH, Status, Ticket

ASSIGNEE = r"^(me|none|[0-9]{1,18})$"

ACTIVE = [Status.OPEN, Status.IN_PROGRESS]
RESOLVED_RECENTLY = timedelta(days=7)


def queue_condition(queue: str, user) -> Q:
    """The tickets of one of the console's queues, for `user`."""
    match queue:
        case "mine":
            return Q(assignee=user, status__in=ACTIVE)
        case "unassigned":
            return Q(assignee__isnull=True, status__in=ACTIVE)
        case "open":
            return Q(status__in=ACTIVE)
        case "triage":
            return Q(needs_triage=True, status__in=ACTIVE)
        case "resolved_recently":
            return Q(status=Status.RESOLVED, resolved_at__gte=timezone.now() - RESOLVED_RECENTLY)
        case _:
            return Q()


QUEUES = {
    "mine": "Assigned to me, open or in progress.",
    "unassigned": "Nobody assigned, open or in progress.",
    "triage": "Labels from an unsure suggestion that no agent has confirmed yet, open or "
    "in progress.",
    "open": "Open or in progress.",
    "resolved_recently": "Resolved in the last 7 days.",
    "all": "Every ticket.",
}


def _rank(field: str, values: list[str]) -> Case:
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)),
        output_field=IntegerField(),
    )


# What the list can be sorted by: a column, or an expression computed as `<name>_key`.
SORT_KEYS = {
    "created_at": "created_at",
    "updated_at": "updated_at",
    "title": Lower("title"),  # as people read it: "Add" before "API"
    "priority": "priority_rank",  # low … critical
    "status": _rank("status", Status.values),  # open … closed
    "requester": Lower("requester__name"),
    "assignee": Coalesce(Lower("assignee__name"), Value("")),  # nobody first
}
ORDERINGS = {
    f"{sign}{name}": (
        f"{sign}{key if isinstance(key, str) else f'{name}_key'}",
        f"{sign}id",
    )
    for name, key in SORT_KEYS.items()
    for sign in ("-", "")
}


class AssigneeField(forms.RegexField):
    """me, none or a user id; sent empty it is refused like any other bad value."""

    default_error_messages = {"invalid": "Use me, none or a user id."}

    def __init__(self, *args, **kwargs):
        super().__init__(ASSIGNEE, *args, **kwargs)

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().clean(value)


class AssigneeFilter(django_filters.CharFilter):
    field_class = AssigneeField


class TicketFilter(django_filters.FilterSet):
    """Filters for the ticket list. All are optional and combine with AND; an unknown
    choice is a 400 naming the parameter rather than an empty list."""

    category = StrictChoiceFilter(choices=Category.choices)
    priority = StrictChoiceFilter(choices=Priority.choices)
    status = StrictChoiceFilter(choices=Status.choices)
    requester = WholeNumberFilter(label="Tickets of this person (a user id).")
    assignee = AssigneeFilter(
        method="filter_assignee",
        label="me (the caller), none (nobody), or an agent's user id.",
    )
    queue = StrictChoiceFilter(
        choices=list(QUEUES.items()),
        method="filter_queue",
        label="A console queue: " + "; ".join(f"{name}: {what}" for name, what in QUEUES.items()),
    )
    ordering = StrictChoiceFilter(
        choices=[(name, name) for name in ORDERINGS],
        method="sort",
        label="Sort order; a leading - reverses it. Default -created_at (newest first). "
        "priority runs low to critical, status open to closed, requester and assignee "
        "by name.",
    )
    SEARCH_MAX_LENGTH = TITLE_MAX_LENGTH
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label="Case-insensitive substring of the title or the description.",
    )

    class Meta:
        model = Ticket
        fields = [
            "category",
            "priority",
            "status",
            "requester",
            "assignee",
            "queue",
            "search",
            "ordering",
        ]

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        """Text in the title or description; a number (or #number) is also the ticket's."""
        matches = Q(title__icontains=value) | Q(description__icontains=value)
        if number := re.fullmatch(r"#?([0-9]{1,18})", value.strip()):
            matches |= Q(pk=int(number[1]))
        return queryset.filter(matches)

    def filter_assignee(
        self, queryset: QuerySet[Ticket], name: str, value: str
    ) -> QuerySet[Ticket]:
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=int(value))

    def filter_queue(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return queryset.filter(queue_condition(value, self.request.user))

    def sort(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        """Adds the sort key; the paginator orders by it (see TicketCursorPagination)."""
        name = value.lstrip("-")
        key = SORT_KEYS[name]
        return queryset if isinstance(key, str) else queryset.annotate(**{f"{name}_key": key})
