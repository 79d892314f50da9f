import django_filters
from django.db.models import Q, QuerySet

from classifier.labels import Category, Priority
from tickets.models import TITLE_MAX_LENGTH, Status, Ticket


class TicketFilter(django_filters.FilterSet):
    """Filters for the ticket list. All are optional and combine with AND; an unknown
    choice is a 400 naming the parameter rather than an empty list."""

    category = django_filters.ChoiceFilter(choices=Category.choices)
    priority = django_filters.ChoiceFilter(choices=Priority.choices)
    status = django_filters.ChoiceFilter(choices=Status.choices)
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=TITLE_MAX_LENGTH,
        label="Case-insensitive substring of the title or the description.",
    )

    class Meta:
        model = Ticket
        fields = ["category", "priority", "status", "search"]

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))
