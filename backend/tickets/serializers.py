from collections.abc import Mapping

from rest_framework import serializers

from classifier.labels import Backend, Category, Priority
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
    applied when it was silently dropped."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError(
                    {name: ["This field cannot be set here."] for name in unknown}
                )
        return super().to_internal_value(data)


class TicketCreateSerializer(StrictInputSerializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)
    category = serializers.ChoiceField(Category.choices, required=False)
    priority = serializers.ChoiceField(Priority.choices, required=False)
    # New tickets always start open: a ticket created already closed would never be
    # seen by anyone. "open" is accepted so clients may send the full shape.
    status = serializers.ChoiceField([Status.OPEN], required=False, write_only=True)
    suggested_category = serializers.ChoiceField(Category.choices, required=False, allow_null=True)
    suggested_priority = serializers.ChoiceField(Priority.choices, required=False, allow_null=True)
    classified_by = serializers.ChoiceField(Backend.choices, required=False, allow_null=True)

    def validate(self, attrs):
        attrs.pop("status", None)
        return attrs


class TicketUpdateSerializer(StrictInputSerializer):
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, required=False)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH, required=False)
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
    title = serializers.CharField(max_length=TITLE_MAX_LENGTH, required=False, allow_blank=True)
    description = serializers.CharField(max_length=DESCRIPTION_MAX_LENGTH)


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
