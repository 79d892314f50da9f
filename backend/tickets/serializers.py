from collections.abc import Mapping

from rest_framework import serializers
from rest_framework.settings import api_settings

from classifier.base import Backend
from labels import Category, Priority
from tickets.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, Status, Ticket


class TicketSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ticket
        fields = [
            "id",
            "title",
            "description",
            "category",
            "priority",
            "status",
            "suggested_category",
            "suggested_priority",
            "classified_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class StrictInputSerializer(serializers.Serializer):
    """Rejects fields it does not accept, so a client never believes a change was
    applied when it was silently dropped. The schema says so too (additionalProperties:
    false, see tickets/schema.py)."""

    # Whether an empty body is refused (a change must change something).
    requires_a_field = False

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {
                        api_settings.NON_FIELD_ERRORS_KEY: [
                            serializers.ErrorDetail(
                                f"Unknown field {name!r}: accepted are {', '.join(self.fields)}.",
                                code="unknown_field",
                            )
                            for name in unknown
                        ]
                    }
                )
        return super().to_internal_value(data)


class TextField(serializers.CharField):
    """Text that must be sent as a JSON string (DRF's CharField also turns numbers into
    text). Unless blank is allowed it must hold something besides whitespace, as the
    database requires; NUL characters are refused (PostgreSQL cannot store them). The
    schema states both as a pattern (tickets/schema.py)."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class TicketCreateSerializer(StrictInputSerializer):
    """The requester's final choice only: the classifier's suggestion is recorded by the
    server, so it cannot be forged."""

    title = TextField(max_length=TITLE_MAX_LENGTH)
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH)
    category = serializers.ChoiceField(Category.choices, required=False)
    priority = serializers.ChoiceField(Priority.choices, required=False)
    # New tickets always start open: a ticket created already closed would never be
    # seen by anyone. "open" is accepted so clients may send the full shape.
    status = serializers.ChoiceField([Status.OPEN], required=False, write_only=True)

    def validate(self, attrs):
        attrs.pop("status", None)
        return attrs


class TicketUpdateSerializer(StrictInputSerializer):
    requires_a_field = True
    title = TextField(max_length=TITLE_MAX_LENGTH, required=False)
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH, required=False)
    category = serializers.ChoiceField(Category.choices, required=False)
    priority = serializers.ChoiceField(Priority.choices, required=False)
    status = serializers.ChoiceField(Status.choices, required=False)

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError(
                f"Send at least one of: {', '.join(self.fields)}.", code="empty"
            )
        return attrs


class ClassifyRequestSerializer(StrictInputSerializer):
    title = TextField(max_length=TITLE_MAX_LENGTH, required=False, allow_blank=True)
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH)


class ClassifyResponseSerializer(serializers.Serializer):
    suggested_category = serializers.ChoiceField(Category.choices, source="category")
    suggested_priority = serializers.ChoiceField(Priority.choices, source="priority")
    backend = serializers.ChoiceField(Backend.choices, help_text="Which classifier answered.")
    model = serializers.CharField(allow_null=True, help_text="The model that answered, if any.")
    latency_ms = serializers.IntegerField()


def _counts(choices: type) -> serializers.Serializer:
    return type(
        f"{choices.__name__}Counts",
        (serializers.Serializer,),
        {value: serializers.IntegerField() for value in choices.values},
    )()


class AgreementSerializer(serializers.Serializer):
    classified_tickets = serializers.IntegerField(
        help_text="Tickets that carry a classifier suggestion."
    )
    category_rate = serializers.FloatField(
        allow_null=True, help_text="Share whose final category equals the suggestion."
    )
    priority_rate = serializers.FloatField(
        allow_null=True, help_text="Share whose final priority equals the suggestion."
    )


class TicketStatsSerializer(serializers.Serializer):
    total_tickets = serializers.IntegerField()
    open_tickets = serializers.IntegerField()
    avg_tickets_per_day = serializers.FloatField(
        help_text="Total divided by the calendar days from the first ticket's date to today, "
        "both included; rounded half-up to one decimal; 0 with no tickets."
    )
    priority_breakdown = _counts(Priority)
    category_breakdown = _counts(Category)
    status_breakdown = _counts(Status)
    ai_agreement = AgreementSerializer()
