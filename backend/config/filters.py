"""Filter pieces every list shares."""

import django_filters
from django import forms


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


class WholeNumberFilter(django_filters.NumberFilter):
    """An integer parameter (NumberFilter takes 0.5 too)."""

    field_class = forms.IntegerField


class StrictBooleanFilter(StrictChoiceFilter):
    """`true` or `false`, nothing else (BooleanFilter also takes `null`, `1`, `yes`…)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, choices=[("true", "true"), ("false", "false")], **kwargs)

    def filter(self, qs, value):
        return super().filter(qs, value == "true" if value else value)
