import django_filters
from django import forms
from django.db.models import Q, QuerySet

from labels import Category, Priority
from tickets.models import TITLE_MAX_LENGTH, Status, Ticket


class PresentChoiceField(forms.ChoiceField):
    """A parameter sent empty (`?priority=`) is refused like any other value outside the
    choices; only a parameter left out means "any"."""

    def clean(self, value):
        if value == "":
            raise forms.ValidationError(
                "Choose one of %(choices)s, or leave the parameter out.",
                code="invalid_choice",
                params={"choices": ", ".join(str(key) for key, _ in self.choices if key)},
            )
        return super().clean(value)


class StrictChoiceFilter(django_filters.ChoiceFilter):
    field_class = PresentChoiceField


class TicketFilter(django_filters.FilterSet):
    """Filters for the ticket list. All are optional and combine with AND; an unknown
    choice is a 400 naming the parameter rather than an empty list."""

    category = StrictChoiceFilter(choices=Category.choices)
    priority = StrictChoiceFilter(choices=Priority.choices)
    status = StrictChoiceFilter(choices=Status.choices)
    SEARCH_MAX_LENGTH = TITLE_MAX_LENGTH
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=SEARCH_MAX_LENGTH,
        label="Case-insensitive substring of the title or the description.",
    )

    class Meta:
        model = Ticket
        fields = ["category", "priority", "status", "search"]

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str) -> QuerySet[Ticket]:
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value))
