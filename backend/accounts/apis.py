from django.conf import settings
from django.contrib.auth import login
from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from drf_standardized_errors.openapi_validation_errors import extend_validation_errors
from rest_framework import generics, serializers, status
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import ErrorDetail, NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.demo import demo_people
from accounts.filters import PersonFilter
from accounts.models import ApiToken, User
from accounts.permissions import (
    IsAdmin,
    ReadForAgentsWriteForAdmins,
    SetupStillOpen,
    TokensAreMadeSignedIn,
)
from accounts.serializers import (
    ConfigSerializer,
    DemoPersonSerializer,
    DemoSignInSerializer,
    DeskSettingsSerializer,
    InvitationSerializer,
    InvitedPersonSerializer,
    InviteSerializer,
    MeSerializer,
    MeUpdateSerializer,
    NewTokenSerializer,
    PersonSerializer,
    PersonUpdateSerializer,
    SetupSerializer,
    TokenCreateSerializer,
    TokenSerializer,
)
from accounts.services import (
    EmailTaken,
    LastAdmin,
    SetupDone,
    admin_exists,
    desk_settings,
    desk_settings_update,
    invitation_send,
    setup_admin_create,
    token_create,
    user_create,
    user_update,
)
from config.api import KnownQueryParamsMixin, StrictPageSizeMixin, strict_input
from config.live import events_url

SESSION_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def sign_in(request: Request, user: User) -> None:
    """Starts a browser session for the user (the view checked CSRF first)."""
    login(request._request, user, backend=SESSION_BACKEND)


class SignsInMixin:
    """For views that sign an anonymous caller in: the caller must send the CSRF token,
    which DRF checks only for sessions already signed in, so that no other site can
    sign a visitor in to an account of its choosing. Checked before anything is done."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        if request.method == "POST":  # what signs in; other methods are a 405
            SessionAuthentication().enforce_csrf(request)
        super().initial(request, *args, **kwargs)


def email_taken() -> ValidationError:
    return ValidationError(
        {"email": [serializers.ErrorDetail("Someone has this email address.", code="unique")]}
    )


@method_decorator(ensure_csrf_cookie, name="get")
@strict_input(body=[], query=["get"])
class ConfigApi(KnownQueryParamsMixin, APIView):
    """Anyone: what the UI needs before anyone signs in. Sets the csrftoken cookie."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: ConfigSerializer})
    def get(self, request: Request) -> Response:
        return Response(
            ConfigSerializer(
                {
                    "setup_needed": not admin_exists(),
                    "signup_open": desk_settings().signup_open,
                    "demo": settings.DEMO,
                    "events_url": events_url(request),
                }
            ).data
        )


@strict_input(body=["post"], query=["post"])
@extend_validation_errors(["unique"], field_name="email", methods=["post"])
@extend_validation_errors(["invalid"], field_name="password", methods=["post"])
class SetupApi(SignsInMixin, KnownQueryParamsMixin, APIView):
    """Anyone, while no administrator exists: creates the first one and signs them in."""

    permission_classes = [SetupStillOpen]

    @extend_schema(request=SetupSerializer, responses={201: MeSerializer})
    def post(self, request: Request) -> Response:
        serializer = SetupSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = setup_admin_create(**serializer.validated_data)
        except SetupDone:  # another first-run request was quicker
            raise PermissionDenied(SetupStillOpen.message) from None
        except EmailTaken:
            raise email_taken() from None
        except DjangoValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        sign_in(request, user)
        return Response(MeSerializer(user).data, status=status.HTTP_201_CREATED)


@strict_input(body=["patch"], query=["get", "patch"])
class MeApi(KnownQueryParamsMixin, APIView):
    """Anyone signed in: who they are."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: MeSerializer})
    def get(self, request: Request) -> Response:
        return Response(MeSerializer(request.user).data)

    @extend_schema(request=MeUpdateSerializer, responses={200: MeSerializer})
    def patch(self, request: Request) -> Response:
        serializer = MeUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = user_update(user=request.user, changes=serializer.validated_data)
        return Response(MeSerializer(user).data)


@strict_input(body=["post"], query=["get", "post"])
class MyTokensApi(KnownQueryParamsMixin, APIView):
    """Anyone signed in: their own personal API tokens."""

    permission_classes = [IsAuthenticated, TokensAreMadeSignedIn]

    @extend_schema(responses={200: TokenSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(TokenSerializer(request.user.api_tokens.all(), many=True).data)

    @extend_schema(
        request=TokenCreateSerializer,
        responses={201: NewTokenSerializer},
        description="Only signed in to the desk, not with a token: a leaked token must "
        "not be able to make the ones that would outlive its revocation.",
    )
    def post(self, request: Request) -> Response:
        serializer = TokenCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        token, secret = token_create(user=request.user, **serializer.validated_data)
        token.token = secret
        return Response(NewTokenSerializer(token).data, status=status.HTTP_201_CREATED)


@strict_input(body=[], query=["delete"])
class MyTokenApi(KnownQueryParamsMixin, APIView):
    """Anyone signed in: revoke one of their tokens (another's is a 404)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        get_object_or_404(ApiToken, pk=pk, user=request.user).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class PeoplePagination(StrictPageSizeMixin, PageNumberPagination):
    page_size = 50
    max_page_size = 200


@extend_schema_view(
    get=extend_schema(
        parameters=[OpenApiParameter("is_active", {"type": "string", "enum": ["true", "false"]})]
    )
)
@strict_input(body=["post"], query=["get", "post"])
@extend_validation_errors(
    ["invalid", "min_value", "max_value"], field_name="page_size", methods=["get"]
)
@extend_validation_errors(["unique"], field_name="email", methods=["post"])
class PeopleApi(KnownQueryParamsMixin, generics.ListAPIView):
    """Agents read the people (to file a ticket for a requester); admins also invite."""

    permission_classes = [ReadForAgentsWriteForAdmins]
    queryset = User.objects.all()
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    pagination_class = PeoplePagination

    def known_query_params(self) -> set[str]:
        if self.request.method != "GET":
            return set()
        return {*PersonFilter.base_filters, "page", "page_size"}

    @extend_schema(
        request=InviteSerializer,
        responses={201: InvitedPersonSerializer},
        description="Invite a person: their account is made without a password and they "
        "are mailed a link to choose one. The account is made even when the mail "
        "cannot be sent (invitation_sent: false); send it again with "
        "POST /api/users/{id}/invitation/.",
    )
    def post(self, request: Request) -> Response:
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            user = user_create(**serializer.validated_data, password=None, verified=True)
        except EmailTaken:
            raise email_taken() from None
        user.invitation_sent = invitation_send(user=user, invited_by=request.user)
        return Response(InvitedPersonSerializer(user).data, status=status.HTTP_201_CREATED)


@strict_input(body=["patch"], query=["get", "patch"])
@extend_validation_errors(["last_admin"], field_name="role", methods=["patch"])
@extend_validation_errors(["last_admin"], field_name="is_active", methods=["patch"])
class PersonApi(KnownQueryParamsMixin, generics.RetrieveAPIView):
    """Agents read a person; admins change their name, role or whether they are active."""

    permission_classes = [ReadForAgentsWriteForAdmins]
    queryset = User.objects.all()
    serializer_class = PersonSerializer

    @extend_schema(request=PersonUpdateSerializer, responses={200: PersonSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        person = self.get_object()
        serializer = PersonUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            person = user_update(user=person, changes=serializer.validated_data)
        except LastAdmin as error:
            raise ValidationError(
                {
                    error.field: [
                        serializers.ErrorDetail(
                            "This is the last active admin: make someone else admin first.",
                            code="last_admin",
                        )
                    ]
                }
            ) from None
        return Response(PersonSerializer(person).data)


@strict_input(body=[], query=["post"])
@extend_validation_errors(["inactive"], field_name="non_field_errors", methods=["post"])
class InvitationApi(KnownQueryParamsMixin, APIView):
    """Admins: mail an active person a link to choose a new password (an invitation
    again, or help for someone who cannot sign in)."""

    permission_classes = [IsAdmin]

    @extend_schema(request=None, responses={200: InvitationSerializer})
    def post(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(User, pk=pk)
        if not person.is_active:
            raise ValidationError(
                [ErrorDetail("This person is deactivated: reactivate them first.", "inactive")]
            )
        sent = invitation_send(user=person, invited_by=request.user)
        return Response(InvitationSerializer({"invitation_sent": sent}).data)


@strict_input(body=[], query=["get"])
class PersonTokensApi(KnownQueryParamsMixin, APIView):
    """Admins: a person's tokens."""

    permission_classes = [IsAdmin]

    @extend_schema(responses={200: TokenSerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        person = get_object_or_404(User, pk=pk)
        return Response(TokenSerializer(person.api_tokens.all(), many=True).data)


@strict_input(body=[], query=["delete"])
class PersonTokenApi(KnownQueryParamsMixin, APIView):
    """Admins: revoke a person's token."""

    permission_classes = [IsAdmin]

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, token_pk: int) -> Response:
        get_object_or_404(ApiToken, pk=token_pk, user_id=pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@strict_input(body=["patch"], query=["get", "patch"])
class DeskSettingsApi(KnownQueryParamsMixin, APIView):
    """Admins: the desk's settings."""

    permission_classes = [IsAdmin]

    @extend_schema(responses={200: DeskSettingsSerializer})
    def get(self, request: Request) -> Response:
        return Response(DeskSettingsSerializer(desk_settings()).data)

    @extend_schema(request=DeskSettingsSerializer, responses={200: DeskSettingsSerializer})
    def patch(self, request: Request) -> Response:
        serializer = DeskSettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(
            DeskSettingsSerializer(desk_settings_update(**serializer.validated_data)).data
        )


def _require_demo() -> None:
    if not settings.DEMO:
        raise NotFound("There is no demo on this desk.")


@strict_input(body=[], query=["get"])
class DemoPeopleApi(KnownQueryParamsMixin, APIView):
    """Anyone, in demo mode only (else 404): the people one can sign in as."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: DemoPersonSerializer(many=True)})
    def get(self, request: Request) -> Response:
        _require_demo()
        return Response(DemoPersonSerializer(demo_people(), many=True).data)


@strict_input(body=["post"], query=["post"])
class DemoSignInApi(SignsInMixin, KnownQueryParamsMixin, APIView):
    """Anyone, in demo mode only: sign in as one of the demo people without a password."""

    permission_classes = [AllowAny]

    def initial(self, request: Request, *args, **kwargs) -> None:
        if request.method == "POST":  # before the CSRF check: outside demo mode, a 404
            _require_demo()
        super().initial(request, *args, **kwargs)

    @extend_schema(request=DemoSignInSerializer, responses={200: MeSerializer})
    def post(self, request: Request) -> Response:
        serializer = DemoSignInSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user_id = serializer.validated_data["user_id"]
        user = next((person for person in demo_people() if person.pk == user_id), None)
        if user is None:
            raise ValidationError(
                {"user_id": [serializers.ErrorDetail("No such demo person.", code="invalid")]}
            )
        sign_in(request, user)
        return Response(MeSerializer(user).data)
