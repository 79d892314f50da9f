from django.urls import path

from tickets import apis

urlpatterns = [
    path("tickets/", apis.TicketListCreateApi.as_view(), name="ticket-list"),
    path("tickets/stats/", apis.TicketStatsApi.as_view(), name="ticket-stats"),
    path("tickets/classify/", apis.TicketClassifyApi.as_view(), name="ticket-classify"),
    path("tickets/similar/", apis.TicketSimilarApi.as_view(), name="ticket-similar"),
    path("tickets/queues/", apis.TicketQueuesApi.as_view(), name="ticket-queues"),
    path("tickets/bulk/", apis.TicketBulkApi.as_view(), name="ticket-bulk"),
    path("tickets/<int:pk>/", apis.TicketDetailApi.as_view(), name="ticket-detail"),
    path("tickets/<int:pk>/comments/", apis.TicketCommentsApi.as_view(), name="ticket-comments"),
    path("tickets/<int:pk>/read/", apis.TicketReadApi.as_view(), name="ticket-read"),
    path("tickets/<int:pk>/history/", apis.TicketHistoryApi.as_view(), name="ticket-history"),
    path("classifier/report/", apis.ClassifierReportApi.as_view(), name="classifier-report"),
    path("health/", apis.HealthApi.as_view(), name="health"),
]
