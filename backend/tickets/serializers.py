from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from accounts.models import User
from accounts.serializers import PersonRefSerializer
from classifier.base import Backend
from config.api import StrictBooleanField, StrictInputSerializer, TextField
from labels import Category, Priority
from tickets.filters import QUEUES
from tickets.models import (
    COMMENT_MAX_LENGTH,
    DESCRIPTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Comment,
    Status,
    Ticket,
)


class TicketSerializer(serializers.ModelSerializer):
    requester = PersonRefSerializer(read_only=True)
    assignee = PersonRefSerializer(read_only=True, allow_null=True)
    last_reply_by = PersonRefSerializer(
        read_only=True, allow_null=True, help_text="Who wrote the last public reply."
    )
    unread = serializers.BooleanField(
        read_only=True,
        default=False,
        help_text="Agents: the requester replied since you last opened the ticket "
        "(POST …/read/). Always false for requesters.",
    )

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
            "assignee",
            "suggested_category",
            "suggested_priority",
            "classified_by",
            "created_at",
            "updated_at",
            "last_reply_at",
            "last_reply_by",
            "unread",
        ]
        read_only_fields = fields
        extra_kwargs = {"last_reply_at": {"help_text": "When the last public reply was written."}}


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


class AssigneeField(serializers.IntegerField):
    """An active agent's (or admin's) user id, read as that person; null is nobody."""

    default_error_messages = {"not_an_agent": "No active agent has this id."}

    def __init__(self, **kwargs):
        super().__init__(
            required=False,
            allow_null=True,
            help_text="An active agent's user id, or null: nobody.",
            **kwargs,
        )

    def to_internal_value(self, data) -> User:
        agent = User.objects.filter(pk=super().to_internal_value(data), is_active=True).first()
        if agent is None or not agent.is_agent:
            self.fail("not_an_agent")
        return agent


class TicketUpdateSerializer(StrictInputSerializer):
    requires_a_field = True
    title = TextField(max_length=TITLE_MAX_LENGTH, required=False)
    description = TextField(max_length=DESCRIPTION_MAX_LENGTH, required=False)
    category = serializers.ChoiceField(Category.choices, required=False)
    priority = serializers.ChoiceField(Priority.choices, required=False)
    status = serializers.ChoiceField(Status.choices, required=False)
    assignee = AssigneeField()


class TicketIdsField(serializers.ListField):
    """Ticket ids. A bad one is an error of the list itself ("ids", not "ids.3"), as
    the schema documents it."""

    child = serializers.IntegerField(min_value=1)

    def run_child_validation(self, data):
        try:
            return super().run_child_validation(data)
        except serializers.ValidationError:
            raise serializers.ValidationError(
                "Each id must be a whole number, 1 or more.", code="invalid"
            ) from None


class TicketBulkUpdateSerializer(StrictInputSerializer):
    ids = TicketIdsField(min_length=1, max_length=100, help_text="1 to 100 ticket ids.")
    status = serializers.ChoiceField(Status.choices, required=False)
    assignee = AssigneeField()

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not attrs.keys() & {"status", "assignee"}:
            raise serializers.ValidationError(
                [ErrorDetail("Send a status, an assignee or both.", code="empty")]
            )
        return attrs


class TicketQueuesSerializer(serializers.Serializer):
    mine = serializers.IntegerField(help_text=QUEUES["mine"])
    unassigned = serializers.IntegerField(help_text=QUEUES["unassigned"])
    open = serializers.IntegerField(help_text=QUEUES["open"])
    resolved_recently = serializers.IntegerField(help_text=QUEUES["resolved_recently"])
    all = serializers.IntegerField(help_text=QUEUES["all"])


class CommentSerializer(serializers.ModelSerializer):
    author = PersonRefSerializer(read_only=True)

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "internal", "created_at"]
        read_only_fields = fields


class CommentCreateSerializer(StrictInputSerializer):
    body = TextField(max_length=COMMENT_MAX_LENGTH)
    internal = StrictBooleanField(
        required=False, default=False, help_text="An internal note, never shown to requesters."
    )
    status = serializers.ChoiceField(
        Status.choices,
        required=False,
        help_text="Agents: the ticket's new status, set with the reply (reply and resolve).",
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if not self.context["request"].user.is_agent:
            refused = {
                field: [ErrorDetail("Only agents can do this.", "not_allowed")]
                for field in ("internal", "status")
                if attrs.get(field)
            }
            if refused:
                raise serializers.ValidationError(refused)
        return attrs


class HistoryActorSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        ["person", "classifier", "system"],
        help_text="A person's request; the classifier's suggestion; or a change made "
        "outside any request (raw SQL, imports).",
    )
    id = serializers.IntegerField(allow_null=True, help_text="The person's user id.")
    name = serializers.CharField()


@extend_schema_field(
    {
        "oneOf": [
            {"type": "string"},
            {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "name": {"type": "string", "nullable": True},
                },
                "required": ["id", "name"],
                "additionalProperties": False,
            },
        ],
        "nullable": True,
    }
)
class HistoryValueField(serializers.JSONField):
    """A field's value in the history: text as stored, or a person as {id, name} (name
    null once nobody has that id)."""


class HistoryChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = HistoryValueField(help_text="null when the ticket was created.")
    new = HistoryValueField(help_text="A person is {id, name}; other values as stored.")
    kept_suggestion = serializers.BooleanField(
        allow_null=True,
        help_text="On creation, for category and priority: whether the person kept the "
        "classifier's suggestion.",
    )


class HistoryEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    event = serializers.ChoiceField(["suggested", "created", "changed"])
    actor = HistoryActorSerializer()
    changes = HistoryChangeSerializer(many=True)


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
