from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import NAME_MAX_LENGTH, TOKEN_NAME_MAX_LENGTH, ApiToken, Role, User
from config.api import StrictBooleanField, StrictInputSerializer, TextField


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "name", "role"]
        read_only_fields = fields


class PersonSerializer(serializers.ModelSerializer):
    """A person as agents and admins see them."""

    class Meta:
        model = User
        fields = ["id", "email", "name", "role", "is_active", "date_joined", "last_login"]
        read_only_fields = fields


# Plain rather than a ModelSerializer, which reads the model's fields each time it is
# built: every ticket list builds three (requester, assignee, last reply), about 0.5 ms
# of a 5.5 ms page.
class PersonRefSerializer(serializers.Serializer):
    """Who filed a ticket, or anyone else a ticket names. A requester is told the names
    of the people on their tickets, and only their own address: an agent's mailbox is
    not theirs to know."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    email = serializers.SerializerMethodField()

    @extend_schema_field(
        serializers.EmailField(
            allow_null=True, help_text="null when a requester looks at someone else."
        )
    )
    def get_email(self, person: User) -> str | None:
        # Without a request to say who looks, nobody's address is given.
        request = self.context.get("request")
        viewer = request.user if request else None
        if viewer is not None and (viewer.is_agent or viewer.pk == person.pk):
            return person.email
        return None


class DemoPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "name", "email", "role"]
        read_only_fields = fields


class InvitedPersonSerializer(PersonSerializer):
    invitation_sent = serializers.BooleanField(
        help_text="Whether the mail server took the invitation; if not, send it again."
    )

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "invitation_sent"]
        read_only_fields = fields


class InvitationSerializer(serializers.Serializer):
    invitation_sent = serializers.BooleanField()


class ConfigSerializer(serializers.Serializer):
    setup_needed = serializers.BooleanField(
        help_text="No administrator exists yet: the UI offers to create one."
    )
    signup_open = serializers.BooleanField(help_text="Requesters may sign up themselves.")
    demo = serializers.BooleanField(help_text="Demo people offer one-click sign-in.")
    events_url = serializers.CharField(
        help_text="Where agents' browsers open the live-updates stream (text/event-stream: "
        'event "tickets", data {"ids": [...] or null: many, reload}); when it cannot be '
        "reached, the UI refreshes on a timer.",
    )


class SetupSerializer(StrictInputSerializer):
    email = serializers.EmailField(max_length=254)
    name = TextField(max_length=NAME_MAX_LENGTH)
    # At least 8 characters, not all digits, as the password rules (settings.py) say;
    # they also refuse common passwords and ones too like the name or address.
    password = serializers.CharField(
        min_length=8, max_length=4096, trim_whitespace=False, write_only=True
    )


class MeUpdateSerializer(StrictInputSerializer):
    requires_a_field = True
    name = TextField(max_length=NAME_MAX_LENGTH)


class InviteSerializer(StrictInputSerializer):
    email = serializers.EmailField(max_length=254)
    name = TextField(max_length=NAME_MAX_LENGTH)
    role = serializers.ChoiceField(Role.choices)


class PersonUpdateSerializer(StrictInputSerializer):
    requires_a_field = True
    name = TextField(max_length=NAME_MAX_LENGTH, required=False)
    role = serializers.ChoiceField(Role.choices, required=False)
    is_active = StrictBooleanField(required=False)


class TokenSerializer(serializers.ModelSerializer):
    prefix = serializers.CharField(help_text="The token's first characters, to recognise it.")

    class Meta:
        model = ApiToken
        fields = ["id", "name", "prefix", "created_at", "last_used_at"]
        read_only_fields = fields


class NewTokenSerializer(TokenSerializer):
    token = serializers.CharField(help_text="The secret: shown this once, stored only hashed.")

    class Meta(TokenSerializer.Meta):
        fields = [*TokenSerializer.Meta.fields, "token"]
        read_only_fields = fields


class TokenCreateSerializer(StrictInputSerializer):
    name = TextField(max_length=TOKEN_NAME_MAX_LENGTH)


class DeskSettingsSerializer(StrictInputSerializer):
    requires_a_field = True
    signup_open = StrictBooleanField()


class DemoSignInSerializer(StrictInputSerializer):
    user_id = serializers.IntegerField()
