from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail

from accounts.models import User
from accounts.serializers import PersonRefSerializer
from classifier.base import Backend, is_unsure
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
    unsure = serializers.SerializerMethodField(
        help_text="The suggestion's confidence is below CLASSIFIER_CONFIDENCE_THRESHOLD as "
        "it is set now (needs_triage was decided with the threshold of its day)."
    )
    labels_confirmed_by = PersonRefSerializer(
        read_only=True,
        allow_null=True,
        help_text="The agent who last set or kept the labels; null when nobody did, or "
        "when it was not recorded (labels_confirmed_at set).",
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
            "classifier_model",
            "prompt_version",
            "confidence",
            "unsure",
            "labels_confirmed_at",
            "labels_confirmed_by",
            "needs_triage",
            "classifying",
            "created_at",
            "updated_at",
            "last_reply_at",
            "last_reply_by",
            "unread",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "last_reply_at": {"help_text": "When the last public reply was written."},
            "classifier_model": {
                "help_text": "The model that suggested: a language model's name, or the "
                "learned model's version (v3); null for the rules."
            },
            "prompt_version": {"help_text": "The prompt's version, for language models."},
            "confidence": {
                "help_text": "How sure the classifier was that both labels are right, 0 "
                "to 1; null when it cannot tell."
            },
            "labels_confirmed_at": {
                "help_text": "When an agent last set or kept the labels (resolving or "
                "closing the ticket keeps them)."
            },
            "needs_triage": {
                "help_text": "Its labels came from an unsure suggestion and no agent has "
                "confirmed them yet (the triage queue)."
            },
            "classifying": {
                "help_text": "Filed with a quick suggestion while a language model is "
                "asked in the background: the suggestion, and the labels the client left "
                "to it, may still change (within seconds, as the model answers)."
            },
        }

    def get_unsure(self, ticket: Ticket) -> bool:
        return is_unsure(ticket.confidence, settings.CLASSIFIER_CONFIDENCE_THRESHOLD)


class SuggestionExampleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ticket
        fields = ["id", "title", "category", "priority"]
        read_only_fields = fields


class TicketDetailSerializer(TicketSerializer):
    suggestion_examples = serializers.SerializerMethodField(
        help_text="Agents: the confirmed tickets the suggestion was based on (a language "
        "model's worked examples), most similar first. Empty for requesters."
    )

    class Meta(TicketSerializer.Meta):
        fields = [*TicketSerializer.Meta.fields, "suggestion_examples"]
        read_only_fields = fields

    @extend_schema_field(SuggestionExampleSerializer(many=True))
    def get_suggestion_examples(self, ticket: Ticket) -> list[dict]:
        request = self.context.get("request")
        if request is None or not request.user.is_agent or not ticket.suggestion_examples:
            return []
        found = Ticket.objects.only(*SuggestionExampleSerializer.Meta.fields).in_bulk(
            ticket.suggestion_examples
        )
        examples = [found[pk] for pk in ticket.suggestion_examples if pk in found]
        return SuggestionExampleSerializer(examples, many=True).data


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
    triage = serializers.IntegerField(help_text=QUEUES["triage"])
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
    model = serializers.CharField(
        allow_null=True,
        help_text="The model that answered: a language model's name, the learned model's "
        "version; null for the rules.",
    )
    latency_ms = serializers.IntegerField()
    confidence = serializers.FloatField(
        allow_null=True,
        help_text="How sure the classifier is that both labels are right, 0 to 1; null "
        "when it cannot tell (an Ollama before 0.12.11 gives no token probabilities).",
    )
    unsure = serializers.BooleanField(
        help_text="The confidence is below CLASSIFIER_CONFIDENCE_THRESHOLD: let a person "
        "choose. A ticket created with this suggestion waits in the triage queue."
    )
    prompt_version = serializers.CharField(
        allow_null=True, help_text="The prompt's version, when a language model answered."
    )


class SimilarRequestSerializer(StrictInputSerializer):
    title = TextField(max_length=TITLE_MAX_LENGTH, help_text="Compared with other titles.")


class SimilarTicketSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ticket
        fields = ["id", "title", "status"]
        read_only_fields = fields


class SimilarTicketsSerializer(serializers.Serializer):
    results = SimilarTicketSerializer(many=True)


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


class LabelScoreSerializer(serializers.Serializer):
    label = serializers.CharField()
    suggested = serializers.IntegerField(help_text="Confirmed tickets it was suggested for.")
    confirmed = serializers.IntegerField(help_text="Confirmed tickets that carry it.")
    precision = serializers.FloatField(
        allow_null=True, help_text="Share of its suggestions that agents kept."
    )
    recall = serializers.FloatField(
        allow_null=True, help_text="Share of the tickets carrying it that it was suggested for."
    )


class FieldScoreSerializer(serializers.Serializer):
    accuracy = serializers.FloatField(allow_null=True)
    labels = LabelScoreSerializer(many=True)
    confusion = serializers.ListField(
        child=serializers.ListField(child=serializers.IntegerField()),
        help_text="Rows: the confirmed label; columns: the suggested one; both in the "
        "order of the choices.",
    )


class BackendScoreSerializer(serializers.Serializer):
    backend = serializers.ChoiceField(["all", *Backend.values])
    tickets = serializers.IntegerField()
    both_accuracy = serializers.FloatField(allow_null=True)
    category = FieldScoreSerializer()
    priority = FieldScoreSerializer()


class WeekScoreSerializer(serializers.Serializer):
    week = serializers.DateField(help_text="The Monday the week starts on.")
    tickets = serializers.IntegerField(help_text="Confirmed tickets filed that week.")
    category_rate = serializers.FloatField(allow_null=True)
    priority_rate = serializers.FloatField(allow_null=True)


class ShareRightSerializer(serializers.Serializer):
    tickets = serializers.IntegerField()
    accuracy = serializers.FloatField(
        allow_null=True, help_text="Share whose both suggested labels were kept."
    )


class ReliabilityBucketSerializer(serializers.Serializer):
    low = serializers.FloatField()
    high = serializers.FloatField()
    tickets = serializers.IntegerField()
    mean_confidence = serializers.FloatField(allow_null=True)
    accuracy = serializers.FloatField(allow_null=True)


class ConfidenceScoreSerializer(serializers.Serializer):
    threshold = serializers.FloatField()
    above = ShareRightSerializer(help_text="Suggestions at or above the threshold.")
    below = ShareRightSerializer(help_text="Suggestions below it (unsure).")
    unknown = ShareRightSerializer(help_text="Suggestions without a confidence.")
    reliability = ReliabilityBucketSerializer(many=True)


class HoldoutSerializer(serializers.Serializer):
    tickets = serializers.IntegerField()
    category = serializers.FloatField(allow_null=True)
    priority = serializers.FloatField(allow_null=True)


class LearnedModelStateSerializer(serializers.Serializer):
    version = serializers.IntegerField(allow_null=True, help_text="null until first trained.")
    trained_at = serializers.DateTimeField(required=False)
    team_tickets = serializers.IntegerField(required=False)
    prior_tickets = serializers.IntegerField(required=False)
    holdout = HoldoutSerializer(
        required=False, help_text="Accuracy on confirmed tickets held out of a trial fit."
    )
    seconds = serializers.FloatField(required=False)
    answering = serializers.BooleanField(
        required=False, help_text="It learned from enough tickets to answer."
    )
    min_tickets = serializers.IntegerField()
    retrain_every = serializers.IntegerField()
    new_confirmations = serializers.IntegerField(help_text="Confirmations since it was trained.")


class ClassifierReportSerializer(serializers.Serializer):
    confirmed_tickets = serializers.IntegerField()
    overall = BackendScoreSerializer()
    backends = BackendScoreSerializer(many=True)
    weekly = WeekScoreSerializer(many=True)
    confidence = ConfidenceScoreSerializer()
    learned_model = LearnedModelStateSerializer()
