from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from accounts.models import User
from accounts.serializers import PersonRefSerializer
from classifier.base import Backend
from config.api import StrictInputSerializer, TextField
from labels import Category, Priority
from tickets.models import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH, Status, Ticket


class TicketSerializer(serializers.ModelSerializer):
    requester = PersonRefSerializer(read_only=True)

    class Meta:
        model = Ticket
        fields = [
            "id",
            "title",
            "description",
            "category",
            "priority",
            "status",
            "requester",
            "suggested_category",
            "suggested_priority",
            "classified_by",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


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
    requester = serializers.IntegerField(
        required=False,
        help_text="Who the ticket is for, a user id (agents file on behalf of requesters); "
        "by default whoever sends it. A requester may only name themselves.",
    )

    def validate(self, attrs):
        attrs.pop("status", None)
        filer = self.context["request"].user
        requester = attrs.pop("requester", filer.pk)
        if requester == filer.pk:
            attrs["requester"] = filer
        elif not filer.is_agent:
            # One answer for any id but one's own: whether someone has that id is not
            # a requester's business.
            raise serializers.ValidationError(
                {
                    "requester": [
                        ErrorDetail("You can file tickets only for yourself.", "not_allowed")
                    ]
                }
            )
        else:
            attrs["requester"] = User.objects.filter(pk=requester, is_active=True).first()
            if attrs["requester"] is None:
                raise serializers.ValidationError(
                    {"requester": [ErrorDetail("No active person has this id.", "does_not_exist")]}
                )
        return attrs


class TicketUpdateSerializer(StrictInputSerializer):
    requires_a_field = True
    title = TextField(max_length=TITLE_MAX_LENGTH, required=False)
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH, required=False)
    category = serializers.ChoiceField(Category.choices, required=False)
    priority = serializers.ChoiceField(Priority.choices, required=False)
    status = serializers.ChoiceField(Status.choices, required=False)


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
