from base64 import b64decode
from datetime import UTC
from urllib.parse import parse_qs

from django.conf import settings
from django.db import connection
from django.shortcuts import get_object_or_404
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
from rest_framework.exceptions import ErrorDetail, NotFound, PermissionDenied, ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.permissions import IsAgent
from classifier import classifier_health, classify
from config.api import KnownQueryParamsMixin, StrictPageSizeMixin, strict_input
from config.schema import ANY_TEXT
from tickets import learning
from tickets.filters import ASSIGNEE, ORDERINGS, TicketFilter
from tickets.history import ticket_history
from tickets.models import Comment, Ticket
from tickets.report import classifier_report
from tickets.selectors import queue_counts, task_queue_health, ticket_stats, unread_condition
from tickets.serializers import (
    ClassifierReportSerializer,
    ClassifyRequestSerializer,
    ClassifyResponseSerializer,
    CommentCreateSerializer,
    CommentSerializer,
    HistoryEntrySerializer,
    SimilarRequestSerializer,
    SimilarTicketsSerializer,
    TicketBulkUpdateSerializer,
    TicketCreateSerializer,
    TicketDetailSerializer,
    TicketQueuesSerializer,
    TicketSerializer,
    TicketStatsSerializer,
    TicketUpdateSerializer,
)
from tickets.services import (
    TicketClosed,
    TicketsMissing,
    comment_create,
    ticket_create,
    ticket_mark_read,
    ticket_update,
    tickets_bulk_update,
)
from tickets.throttles import ClassifyThrottle, CreateThrottle

CURSOR_KEYS = {"o", "r", "p"}  # offset, reverse, position: what DRF encodes


class TicketCursorPagination(StrictPageSizeMixin, CursorPagination):
    """Keyset paging: each page is an index range scan from the cursor, and no COUNT(*)
    runs over the table. A cursor that was not made here is a 404, as DRF answers for
    cursors it cannot decode.

    DRF keeps the first sort key as the position and counts the rows sharing it as an
    offset. Newest first, keys are nearly unique; sorted by priority or status,
    thousands of tickets share one, so the offset grows a page at a time. DRF caps it
    at 1,000 and then serves the same page forever: the cap here is above any desk's
    run of equal keys, and such a deep page costs an index scan over the run."""

    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    offset_cutoff = 10_000_000

    def get_ordering(self, request: Request, queryset, view) -> tuple[str, str]:
        """The `ordering` asked for (checked by TicketFilter, which adds its sort key)."""
        return ORDERINGS.get(request.query_params.get("ordering"), self.ordering)

    def decode_cursor(self, request: Request) -> Cursor | None:
        """DRF's decoding, stricter: it skips characters outside base64 and ignores
        unknown keys, so "%%%" or "abc" would read as the first page, and it passes the
        position to PostgreSQL as it came, so an offset of -16:00 (valid ISO 8601, out
        of PostgreSQL's range), a date that is no date or a rank that is no number would
        answer 500."""
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
        try:
            return cursor._replace(position=self._checked_position(cursor.position))
        except (ValueError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None

    def _checked_position(self, position: str) -> str:
        """The position (the sort key of the page's edge) as PostgreSQL can take it."""
        key = self.ordering[0].lstrip("-")
        if key in ("created_at", "updated_at"):
            # Sent on in UTC.
            moment = parse_datetime(position)
            if moment is None:
                raise ValueError(position)
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
            return moment.astimezone(UTC).isoformat()
        if key in ("priority_rank", "status_key"):
            return str(int(position, 10))
        if "\x00" in position:  # PostgreSQL takes no NUL in text
            raise ValueError(position)
        return position


class VisibleTicketsMixin:
    """The tickets the caller may see: requesters their own, agents all."""

    def get_queryset(self):
        tickets = Ticket.objects.select_related(
            "requester", "assignee", "last_reply_by", "labels_confirmed_by"
        )
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return tickets.none()
        user = self.request.user
        if not user.is_agent:
            return tickets.filter(requester=user)
        return tickets.annotate(unread=unread_condition(user))


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
            ),
            OpenApiParameter(
                "assignee",
                {"type": "string", "pattern": ASSIGNEE},
                description="me (the caller), none (nobody), or an agent's user id.",
            ),
        ]
    )
)
@strict_input(body=["post"], query=["get", "post"])
@extend_validation_errors(
    ["invalid", "min_value", "max_value"], field_name="page_size", methods=["get"]
)
@extend_validation_errors(
    ["not_allowed", "does_not_exist"], field_name="requester", methods=["post"]
)
class TicketListCreateApi(KnownQueryParamsMixin, VisibleTicketsMixin, generics.ListAPIView):
    """Anyone signed in: requesters list and file their own tickets; agents all, and
    file tickets on behalf of requesters."""

    permission_classes = [IsAuthenticated]
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
        serializer = TicketCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        ticket = ticket_create(**serializer.validated_data, filed_by=request.user)
        return Response(
            TicketSerializer(ticket, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@strict_input(body=["patch"], query=["get", "patch"])
class TicketDetailApi(KnownQueryParamsMixin, VisibleTicketsMixin, generics.RetrieveAPIView):
    """Anyone signed in reads a ticket they may see (another requester's is a 404, so
    its existence is not revealed); agents change it."""

    permission_classes = [IsAuthenticated]
    serializer_class = TicketDetailSerializer

    @extend_schema(
        request=TicketUpdateSerializer,
        responses={200: TicketDetailSerializer},
        description="Agents change the ticket. Sending category or priority (even "
        "unchanged), or resolving or closing it, confirms its labels.",
    )
    def patch(self, request: Request, pk: int) -> Response:
        ticket = self.get_object()
        if not request.user.is_agent:
            raise PermissionDenied("Only agents can change tickets.")
        serializer = TicketUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_update(ticket=ticket, changes=serializer.validated_data, actor=request.user)
        return Response(TicketDetailSerializer(ticket, context={"request": request}).data)


@strict_input(body=[], query=["post"])
class TicketReadApi(KnownQueryParamsMixin, VisibleTicketsMixin, APIView):
    """Anyone who may see the ticket: marks it read, so the requester's replies so far
    no longer show as unread to the caller."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=None, responses={204: None})
    def post(self, request: Request, pk: int) -> Response:
        ticket = get_object_or_404(self.get_queryset(), pk=pk)
        ticket_mark_read(ticket=ticket, reader=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@strict_input(body=["post"], query=["post"])
@extend_validation_errors(["invalid", "does_not_exist"], field_name="ids", methods=["post"])
class TicketBulkApi(KnownQueryParamsMixin, VisibleTicketsMixin, APIView):
    """Agents: one status or assignee for several tickets at once, all or none."""

    permission_classes = [IsAgent]

    @extend_schema(
        request=TicketBulkUpdateSerializer,
        responses={
            200: inline_serializer("TicketBulkResult", {"results": TicketSerializer(many=True)})
        },
    )
    def post(self, request: Request) -> Response:
        serializer = TicketBulkUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        ids = changes.pop("ids")
        try:
            tickets = tickets_bulk_update(ids=ids, changes=changes, actor=request.user)
        except TicketsMissing as missing:
            raise ValidationError(
                {
                    "ids": [
                        ErrorDetail(
                            f"No ticket has these ids: {', '.join(map(str, missing.args[0]))}.",
                            code="does_not_exist",
                        )
                    ]
                }
            ) from None
        # Read back as the list shows them: with their people and the caller's unread marks.
        by_id = self.get_queryset().in_bulk([ticket.pk for ticket in tickets])
        return Response(
            {
                "results": TicketSerializer(
                    [by_id[ticket.pk] for ticket in tickets],
                    many=True,
                    context={"request": request},
                ).data
            }
        )


@strict_input(body=[], query=["get"])
class TicketQueuesApi(KnownQueryParamsMixin, APIView):
    """Agents: how many tickets each console queue holds now."""

    permission_classes = [IsAgent]

    @extend_schema(responses={200: TicketQueuesSerializer})
    def get(self, request: Request) -> Response:
        return Response(TicketQueuesSerializer(queue_counts(request.user)).data)


class CommentPagination(StrictPageSizeMixin, CursorPagination):
    """Oldest first, as a conversation reads."""

    ordering = ("created_at", "id")
    page_size = 50
    max_page_size = 200


@strict_input(body=["post"], query=["get", "post"])
@extend_validation_errors(["not_allowed"], field_name="internal", methods=["post"])
@extend_validation_errors(["not_allowed"], field_name="status", methods=["post"])
@extend_validation_errors(["ticket_closed"], field_name="non_field_errors", methods=["post"])
@extend_validation_errors(
    ["invalid", "min_value", "max_value"], field_name="page_size", methods=["get"]
)
class TicketCommentsApi(KnownQueryParamsMixin, VisibleTicketsMixin, generics.ListAPIView):
    """The conversation of a ticket the caller may see (another requester's is a 404).
    Requesters read and write public replies only; agents also internal notes."""

    permission_classes = [IsAuthenticated]
    serializer_class = CommentSerializer
    pagination_class = CommentPagination

    def known_query_params(self) -> set[str]:
        if self.request.method != "GET":
            return set()
        return {self.pagination_class.cursor_query_param, "page_size"}

    def ticket(self) -> Ticket:
        return get_object_or_404(super().get_queryset(), pk=self.kwargs["pk"])

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # drf-spectacular reading the view
            return Comment.objects.none()
        comments = self.ticket().comments.select_related("author")
        return comments if self.request.user.is_agent else comments.filter(internal=False)

    @extend_schema(
        request=CommentCreateSerializer,
        responses={201: CommentSerializer},
        description="Reply, or (agents) write an internal note. A requester's reply "
        "reopens a resolved ticket; a closed one takes no more replies from them. An "
        "agent may set the ticket's status in the same action.",
    )
    def post(self, request: Request, pk: int) -> Response:
        ticket = self.ticket()
        serializer = CommentCreateSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        try:
            comment = comment_create(
                ticket=ticket, author=request.user, **serializer.validated_data
            )
        except TicketClosed:
            raise ValidationError(
                [ErrorDetail("This ticket is closed: file a new one.", code="ticket_closed")]
            ) from None
        return Response(
            CommentSerializer(comment, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


@strict_input(body=[], query=["get"])
class TicketHistoryApi(KnownQueryParamsMixin, VisibleTicketsMixin, APIView):
    """Agents: every change to a ticket, oldest first, with who made it."""

    permission_classes = [IsAgent]

    @extend_schema(responses={200: HistoryEntrySerializer(many=True)})
    def get(self, request: Request, pk: int) -> Response:
        ticket = get_object_or_404(self.get_queryset(), pk=pk)
        return Response(HistoryEntrySerializer(ticket_history(ticket), many=True).data)


@strict_input(body=[], query=["get"])
class ClassifierReportApi(KnownQueryParamsMixin, APIView):
    """Agents."""

    permission_classes = [IsAgent]

    @extend_schema(
        responses={200: ClassifierReportSerializer},
        description="How well the classifier does on the tickets agents confirmed: per "
        "backend and label, weekly, by confidence; and the learned model in use.",
    )
    def get(self, request: Request) -> Response:
        return Response(ClassifierReportSerializer(classifier_report()).data)


@strict_input(body=[], query=["get"])
class TicketStatsApi(KnownQueryParamsMixin, APIView):
    """Agents."""

    permission_classes = [IsAgent]

    @extend_schema(responses={200: TicketStatsSerializer})
    def get(self, request: Request) -> Response:
        return Response(TicketStatsSerializer(ticket_stats()).data)


@strict_input(body=["post"], query=["post"])
class TicketClassifyApi(KnownQueryParamsMixin, APIView):
    """Anyone signed in, while they type a ticket."""

    permission_classes = [IsAuthenticated]
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
        title = serializer.validated_data.get("title", "")
        description = serializer.validated_data["description"]
        suggestion = classify(title, description, lambda: learning.shots(title, description))
        return Response(ClassifyResponseSerializer(suggestion).data)


@strict_input(body=["post"], query=["post"])
class TicketSimilarApi(KnownQueryParamsMixin, APIView):
    """Anyone signed in, while they type a ticket: agents search every ticket, a
    requester only their own."""

    permission_classes = [IsAuthenticated]
    throttle_classes = [ClassifyThrottle]

    @extend_schema(
        request=SimilarRequestSerializer,
        responses={200: SimilarTicketsSerializer},
        description="Up to three existing tickets whose titles are most like this one, "
        "most similar first, so a known problem is found before it is filed again.",
    )
    def post(self, request: Request) -> Response:
        serializer = SimilarRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        found = learning.similar_for(request.user, serializer.validated_data["title"])
        return Response(SimilarTicketsSerializer({"results": found}).data)


@strict_input(body=[], query=["get"])
class HealthApi(KnownQueryParamsMixin, APIView):
    """Anyone gets the overall status (for load balancers and uptime checks); only
    admins see the details, which name hosts, paths and models."""

    permission_classes = [AllowAny]

    @extend_schema(
        responses={
            (200, "application/json"): inline_serializer(
                "Health",
                {
                    "status": serializers.ChoiceField(["ok", "unavailable"]),
                    "database": serializers.DictField(required=False),
                    "classifier": serializers.DictField(required=False),
                    "tasks": serializers.DictField(required=False),
                },
            )
        },
        description="200 when the database answers, 503 when it does not. Admins also "
        "get the database's state, the classifier's (which backend would answer now and "
        "the state of each) and the background tasks': how many wait to run and since "
        "when the oldest has been due.",
    )
    def get(self, request: Request) -> Response:
        database = _database_health()
        health = {"status": "ok" if database["reachable"] else "unavailable"}
        if database["reachable"] and request.user.is_authenticated and request.user.is_admin:
            health |= {
                "database": database,
                "classifier": classifier_health(),
                "tasks": task_queue_health(),
            }
        return Response(
            health,
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
