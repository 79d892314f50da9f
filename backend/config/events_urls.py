from urllib.parse import urlsplit

from corsheaders.signals import check_request_enabled
from django.core.exceptions import DisallowedHost
from django.dispatch import receiver
from django.http import JsonResponse
from django.urls import path

from tickets.events import ticket_events


async def health(request):
    """For the events service's health check."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("api/events/", ticket_events),
    path("api/health/", health),
]

handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"


@receiver(check_request_enabled)
def _the_desk_on_another_port(sender, request, **kwargs) -> bool:
    """The UI's own host on another port (scripts/run serves the UI and this stream on
    two ports) may read the stream; no other origin."""
    origin = urlsplit(request.headers.get("origin", ""))
    try:
        host = request.get_host()
    except DisallowedHost:
        return False
    return origin.hostname is not None and origin.hostname == urlsplit(f"//{host}").hostname
