import django_filters
from django import forms
from django.db.models import Q, QuerySet

from config.filters import StrictChoiceFilter, WholeNumberFilter
from labels import Category, Priority
from tickets.models import TITLE_MAX_LENGTH, Status, Ticket

ASSIGNEE = r"^(me|none|[0-9]{1,18})$"


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
    SEARCH_MAX_LENGTH = TITLE_MAX_LENGTH
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label="Case-insensitive substring of the title or the description.",
    )

    class Meta:
        model = Ticket
        fields = ["category", "priority", "status", "requester", "assignee", "search"]

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))

    def filter_assignee(
        self, queryset: QuerySet[Ticket], name: str, value: str
    ) -> QuerySet[Ticket]:
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        return queryset.filter(assignee_id=int(value))
