import django_filters
from django.db.models import Q, QuerySet

from config.filters import StrictChoiceFilter, WholeNumberFilter
from labels import Category, Priority
from tickets.models import TITLE_MAX_LENGTH, Status, Ticket


class TicketFilter(django_filters.FilterSet):
    """Filters for the ticket list. All are optional and combine with AND; an unknown
    choice is a 400 naming the parameter rather than an empty list."""

    category = StrictChoiceFilter(choices=Category.choices)
    priority = StrictChoiceFilter(choices=Priority.choices)
    status = StrictChoiceFilter(choices=Status.choices)
    requester = WholeNumberFilter(label="Tickets of this person (a user id).")
    SEARCH_MAX_LENGTH = TITLE_MAX_LENGTH
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label="Case-insensitive substring of the title or the description.",
    )

    class Meta:
        model = Ticket
        fields = ["category", "priority", "status", "requester", "search"]

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))
