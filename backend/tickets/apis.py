import re
from base64 import b64decode
from datetime import UTC
from urllib.parse import parse_qs

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from drf_standardized_errors.openapi_validation_errors import extend_validation_errors
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from classifier import classifier_health, classify
from tickets.filters import TicketFilter
from tickets.models import Ticket
from tickets.schema import ANY_TEXT
from tickets.selectors import ticket_stats
from tickets.serializers import (
    ClassifyRequestSerializer,
    ClassifyResponseSerializer,
    TicketCreateSerializer,
    TicketSerializer,
    TicketStatsSerializer,
    TicketUpdateSerializer,
)
from tickets.services import ticket_create, ticket_update
from tickets.throttles import ClassifyThrottle, CreateThrottle

WHOLE_NUMBER = re.compile(r"[0-9]+")
CURSOR_KEYS = {"o", "r", "p"}  # offset, reverse, position: what DRF encodes


class TicketCursorPagination(CursorPagination):
    """Keyset paging: each page is an index range scan from the cursor, however deep,
    and no COUNT(*) runs over the table. A page_size that is not a whole number from 1
    to max_page_size is a 400 (DRF would quietly use the default instead); a cursor
    that was not made here is a 404, as DRF answers for cursors it cannot decode."""

    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        field = serializers.IntegerField(min_value=1, max_value=self.max_page_size)
        try:
            # IntegerField alone would take "1.0", " 1" or a fullwidth digit as 1.
            if not WHOLE_NUMBER.fullmatch(raw):
                field.fail("invalid")
            return field.run_validation(raw)
        except ValidationError as error:
            raise ValidationError({self.page_size_query_param: error.detail}) from None

    def decode_cursor(self, request: Request) -> Cursor | None:
        """DRF's decoding, stricter: it skips characters outside base64 and ignores
        unknown keys, so "%%%" or "abc" would read as the first page, and it passes the
        position to PostgreSQL as it came, so an offset of -16:00 (valid ISO 8601, out
        of PostgreSQL's range) or a date that is no date would answer 500."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            tokens = parse_qs(
                b64decode(encoded, validate=True).decode("ascii"),
                keep_blank_values=True,
                strict_parsing=True,
            )
        except ValueError:
            raise NotFound(self.invalid_cursor_message) from None
        if not tokens or set(tokens) - CURSOR_KEYS or any(len(v) != 1 for v in tokens.values()):
            raise NotFound(self.invalid_cursor_message)
        cursor = super().decode_cursor(request)
        if cursor.position is None:
            return cursor
        # The position is the created_at of the page's edge: sent on in UTC.
        try:
            moment = parse_datetime(cursor.position)
            if moment is None:
                raise ValueError(cursor.position)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
            return cursor._replace(position=moment.astimezone(UTC).isoformat())
        except (ValueError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters


class KnownQueryParamsMixin:
    """A query parameter the endpoint does not read is a 400 naming it: a typo such as
    ?stauts=open must not silently return the unfiltered list."""

    def known_query_params(self) -> set[str]:
        return set()

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        unknown = sorted(set(request.query_params) - self.known_query_params())
        if unknown:
            raise ValidationError(
                [
                    serializers.ErrorDetail(
                        f"Unknown query parameter {name!r}.", code="unknown_parameter"
                    )
                    for name in unknown
                ]
            )


def strict_input(*, body: list[str], query: list[str]):
    """Adds the error codes of unknown body fields and unknown query parameters to the
    schema of the given methods (drf-standardized-errors cannot infer them)."""

    def decorate(view):
        view = extend_validation_errors(["unknown_parameter"], methods=query)(view)
        if body:
            view = extend_validation_errors(
                ["unknown_field", "empty"], field_name="non_field_errors", methods=body
            )(view)
        return view

    return decorate


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "search",
                {
                    "type": "string",
                    "maxLength": TicketFilter.SEARCH_MAX_LENGTH,
                    "pattern": ANY_TEXT,
                },
                description="Case-insensitive substring of the title or the description.",
            )
        ]
    )
)
@strict_input(body=["post"], query=["get", "post"])
@extend_validation_errors(
    ["invalid", "min_value", "max_value"], field_name="page_size", methods=["get"]
)
class TicketListCreateApi(KnownQueryParamsMixin, generics.ListAPIView):
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
    filterset_class = TicketFilter
    pagination_class = TicketCursorPagination

    def known_query_params(self) -> set[str]:
        if self.request.method != "GET":
            return set()
        pagination = self.pagination_class
        return {
            *TicketFilter.base_filters,
            pagination.cursor_query_param,
            pagination.page_size_query_param,
        }

    def get_throttles(self):
        return [CreateThrottle()] if self.request.method == "POST" else []

    @extend_schema(
        request=TicketCreateSerializer,
        responses={201: TicketSerializer},
        description="Create a ticket. The server classifies it and records its own "
        "suggestion; a category or priority sent by the client is the final choice. "
        "New tickets always start open.",
    )
    def post(self, request: Request) -> Response:
        serializer = TicketCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_create(**serializer.validated_data)
        return Response(TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


@strict_input(body=["patch"], query=["get", "patch"])
class TicketDetailApi(KnownQueryParamsMixin, generics.RetrieveAPIView):
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer

    @extend_schema(request=TicketUpdateSerializer, responses={200: TicketSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        ticket = self.get_object()
        serializer = TicketUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_update(ticket=ticket, changes=serializer.validated_data)
        return Response(TicketSerializer(ticket).data)


@strict_input(body=[], query=["get"])
class TicketStatsApi(KnownQueryParamsMixin, APIView):
    @extend_schema(responses={200: TicketStatsSerializer})
    def get(self, request: Request) -> Response:
        return Response(TicketStatsSerializer(ticket_stats()).data)


@strict_input(body=["post"], query=["post"])
class TicketClassifyApi(KnownQueryParamsMixin, APIView):
    throttle_classes = [ClassifyThrottle]

    @extend_schema(
        request=ClassifyRequestSerializer,
        responses={200: ClassifyResponseSerializer},
        description="Suggest a category and priority. Always answers: when no model is "
        "reachable, the keyword rules do.",
    )
    def post(self, request: Request) -> Response:
        serializer = ClassifyRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        suggestion = classify(
            serializer.validated_data.get("title", ""), serializer.validated_data["description"]
        )
        return Response(ClassifyResponseSerializer(suggestion).data)


@strict_input(body=[], query=["get"])
class HealthApi(KnownQueryParamsMixin, APIView):
    @extend_schema(
        responses={
            (200, "application/json"): inline_serializer(
                "Health",
                {
                    "status": serializers.ChoiceField(["ok", "unavailable"]),
                    "database": serializers.DictField(),
                    "classifier": serializers.DictField(),
                },
            )
        },
        description="200 when the database answers, 503 when it does not. The classifier "
        "part says which backend would answer now and the state of each.",
    )
    def get(self, request: Request) -> Response:
        database = _database_health()
        return Response(
            {
                "status": "ok" if database["reachable"] else "unavailable",
                "database": database,
                "classifier": classifier_health(),
            },
            status=status.HTTP_200_OK if database["reachable"] else 503,
            headers=(
                {}
                if database["reachable"]
                else {"Retry-After": str(settings.DATABASE_RETRY_AFTER_SECONDS)}
            ),
        )


def _database_health() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means "not reachable"; say which
        return {"reachable": False, "detail": str(error).strip()}
    return {"reachable": True}
