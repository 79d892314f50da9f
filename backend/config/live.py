"""Where browsers find the live-updates stream (tickets/events.py): settings.EVENTS_URL,
or the events server's own port (EVENTS_PORT) on the host the UI was opened at."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest


def events_origin(request: HttpRequest) -> str | None:
    """The stream's origin when it is served on its own port of this host."""
    if settings.EVENTS_URL:
        return None
    host = urlsplit(f"//{request.get_host()}").hostname
    if ":" in host:  # IPv6
        host = f"[{host}]"
    return f"{request.scheme}://{host}:{settings.EVENTS_PORT}"


def events_url(request: HttpRequest) -> str:
    return settings.EVENTS_URL or f"{events_origin(request)}/api/events/"
