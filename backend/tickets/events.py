"""Live updates for agents' consoles: Server-Sent Events fed by PostgreSQL LISTEN/NOTIFY.

    GET /api/events/   agents (session or personal token); text/event-stream:

        event: tickets
        data: {"ids": [12, 13]}     the tickets a statement wrote; null: many, reload all

A trigger on the tickets table NOTIFYs every committed write (tickets.models). The
stream starts with `retry: 3000` and a comment, and sends a comment every 15 s so
proxies keep it open. It is served by the events server (config/asgi.py under
gunicorn_events.conf.py: uvicorn workers, so an open stream holds no thread), never by
the app's threaded server, whose URLs do not include it.

Each process keeps one connection LISTENing, shared by all its streams: written by
hand because no maintained library fans PostgreSQL notifications out to Django's async
views. When that connection fails, the streams end; browsers reconnect (EventSource
does by itself) and reload what they show, since they may have missed a change.
"""

import asyncio
import logging

import psycopg
from asgiref.sync import sync_to_async
from django.db import connections
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from rest_framework.exceptions import AuthenticationFailed

from accounts.authentication import BearerTokenAuthentication
from accounts.models import User
from config.errors import error_response
from tickets.models import LISTENER_NAME, NOTIFY_CHANNEL

logger = logging.getLogger(__name__)

KEEP_ALIVE_SECONDS = 15.0
RECONNECT_MILLISECONDS = 3000
# Notifications a slow stream may have waiting; past that it is told to reload.
BACKLOG = 100
RELOAD = '{"ids": null}'
_CLOSED = object()


class Listener:
    """One LISTEN connection for every open stream of this process: opened with the
    first stream, closed a little after the last one ends."""

    def __init__(self) -> None:
        self.streams: set[asyncio.Queue] = set()
        self.listening: asyncio.Task | None = None

    def subscribe(self) -> asyncio.Queue:
        stream: asyncio.Queue = asyncio.Queue(maxsize=BACKLOG)
        self.streams.add(stream)
        if self.listening is None or self.listening.done():
            self.listening = asyncio.create_task(self._listen())
        return stream

    def unsubscribe(self, stream: asyncio.Queue) -> None:
        self.streams.discard(stream)

    async def _listen(self) -> None:
        params = connections["default"].get_connection_params()
        # Django's cursor class is for its own synchronous connections.
        params.pop("cursor_factory", None)
        # Writes notify only while a connection so named exists (tickets.models).
        params["application_name"] = LISTENER_NAME
        while self.streams:
            try:
                async with await psycopg.AsyncConnection.connect(**params, autocommit=True) as conn:
                    await conn.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    while self.streams:
                        async for notify in conn.notifies(timeout=KEEP_ALIVE_SECONDS):
                            self._send(notify.payload)
            except (psycopg.Error, OSError) as error:
                logger.warning("live updates: the listening connection failed: %s", error)
                self._end_streams()
            except Exception:
                # Streams left open would wait for ever; ended, browsers reconnect.
                logger.exception("live updates: the listener failed unexpectedly")
                self._end_streams()

    def _end_streams(self) -> None:
        for stream in list(self.streams):
            self._send_to(stream, _CLOSED)
        self.streams.clear()

    def _send(self, payload: str) -> None:
        for stream in list(self.streams):
            self._send_to(stream, payload)

    @staticmethod
    def _send_to(stream: asyncio.Queue, item) -> None:
        if stream.full():
            # A stream that cannot keep up gets one "reload everything" instead.
            while not stream.empty():
                stream.get_nowait()
            item = RELOAD if item is not _CLOSED else item
        stream.put_nowait(item)


listener = Listener()


async def ticket_events(request: HttpRequest) -> HttpResponse:
    user = await _user(request)
    if user is None:
        response = error_response(
            401, "not_authenticated", "Sign in, or send a personal token (Bearer)."
        )
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response
    if not user.is_agent:
        return error_response(403, "permission_denied", "Live updates are for agents.")
    if request.method != "GET":
        return error_response(405, "method_not_allowed", f'Method "{request.method}" not allowed.')
    stream = listener.subscribe()
    response = StreamingHttpResponse(_events(stream), content_type="text/event-stream")
    response["Cache-Control"] = "no-store"
    # nginx would otherwise buffer the stream.
    response["X-Accel-Buffering"] = "no"
    return response


async def _user(request: HttpRequest) -> User | None:
    """A personal token's owner (as the API reads tokens), or the signed-in person
    (session); None when neither, or when the token is wrong."""
    try:
        by_token = await sync_to_async(BearerTokenAuthentication().authenticate)(request)
    except AuthenticationFailed:
        return None
    if by_token is not None:
        return by_token[0]
    user = await request.auser()
    return user if user.is_authenticated and user.is_active else None


async def _events(stream: asyncio.Queue):
    try:
        yield f"retry: {RECONNECT_MILLISECONDS}\n: live updates\n\n"
        while True:
            try:
                item = await asyncio.wait_for(stream.get(), KEEP_ALIVE_SECONDS)
            except TimeoutError:
                yield ": keep-alive\n\n"
                continue
            if item is _CLOSED:
                return
            yield f"event: tickets\ndata: {item}\n\n"
    finally:
        listener.unsubscribe(stream)
