import django_filters
from django.db.models import Q, QuerySet

from accounts.models import NAME_MAX_LENGTH, Role, User
from config.filters import StrictBooleanFilter, StrictChoiceFilter


class PersonFilter(django_filters.FilterSet):
    role = StrictChoiceFilter(choices=Role.choices)
    is_active = StrictBooleanFilter()
    search = django_filters.CharFilter(
        method="filter_search",
        max_length=NAME_MAX_LENGTH,
        label="Case-insensitive substring of the name or the email address.",
    )

    class Meta:
        model = User
        fields = ["role", "is_active", "search"]

    def filter_search(self, queryset: QuerySet[User], name: str, value: str) -> QuerySet[User]:
        return queryset.filter(Q(name__icontains=value) | Q(email__icontains=value))
