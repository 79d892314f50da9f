from django.db import connection
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from classifier import classifier_health, classify
from tickets.filters import TicketFilter
from tickets.models import Ticket
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


class TicketCursorPagination(CursorPagination):
    """Keyset paging: each page is an index range scan from the cursor, however deep,
    and no COUNT(*) runs over the table."""

    ordering = ("-created_at", "-id")
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class TicketListCreateApi(generics.ListAPIView):
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer
    filterset_class = TicketFilter
    pagination_class = TicketCursorPagination

    @extend_schema(
        request=TicketCreateSerializer,
        responses={201: TicketSerializer},
        description="Create a ticket. Without category or priority the server classifies it. "
        "New tickets always start open.",
    )
    def post(self, request: Request) -> Response:
        serializer = TicketCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_create(**serializer.validated_data)
        return Response(TicketSerializer(ticket).data, status=status.HTTP_201_CREATED)


class TicketDetailApi(generics.RetrieveAPIView):
    queryset = Ticket.objects.all()
    serializer_class = TicketSerializer

    @extend_schema(request=TicketUpdateSerializer, responses={200: TicketSerializer})
    def patch(self, request: Request, pk: int) -> Response:
        ticket = self.get_object()
        serializer = TicketUpdateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        ticket = ticket_update(ticket=ticket, changes=serializer.validated_data)
        return Response(TicketSerializer(ticket).data)


class TicketStatsApi(APIView):
    @extend_schema(responses={200: TicketStatsSerializer})
    def get(self, request: Request) -> Response:
        return Response(TicketStatsSerializer(ticket_stats()).data)


class TicketClassifyApi(APIView):
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


class HealthApi(APIView):
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
        )


def _database_health() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any driver error means "not reachable"; say which
        return {"reachable": False, "detail": str(error).strip()}
    return {"reachable": True}
