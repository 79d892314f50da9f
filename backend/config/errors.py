"""JSON for the errors Django answers before or outside DRF (unknown routes, oversized
bodies, crashes), in the same shape drf-standardized-errors gives every API error:

    {"type": "client_error", "errors": [{"code": "not_found", "detail": "...", "attr": null}]}
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from drf_standardized_errors.handler import ExceptionHandler
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from whitenoise.middleware import WhiteNoiseMiddleware

from config.live import events_origin


def error_response(status: int, code: str, detail: str, *, attr: str | None = None) -> JsonResponse:
    kind = "server_error" if status >= 500 else "client_error"
    return JsonResponse(
        {"type": kind, "errors": [{"code": code, "detail": detail, "attr": attr}]}, status=status
    )


def bad_request(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    return error_response(400, "bad_request", "The request could not be understood.")


def csrf_failure(request: HttpRequest, reason: str = "") -> JsonResponse:
    """Django's CSRF check refused the request (its default answer is an HTML page)."""
    return error_response(
        403,
        "csrf_failed",
        "CSRF check failed: send the csrftoken cookie's value in the X-CSRFToken header.",
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> JsonResponse:
    detail = f"No such resource: {request.path}"
    slashed = f"{request.path}/"
    if not request.path.endswith("/") and _routes(slashed):
        detail += f" (did you mean {slashed}?)"
    return error_response(404, "not_found", detail)


def _routes(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


def server_error(request: HttpRequest) -> JsonResponse:
    return error_response(500, "error", "Something went wrong on our side; it has been logged.")


class RequestSizeLimitMiddleware:
    """Refuse bodies over MAX_REQUEST_BYTES with a 413 before anything reads them.

    Django enforces DATA_UPLOAD_MAX_MEMORY_SIZE only for `request.body`, while DRF's
    parsers read the stream directly, so the limit is applied here for every request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return error_response(400, "invalid_content_length", "Content-Length is not a number.")
        if length > limit:
            return error_response(
                413, "request_too_large", f"The request body is over the limit of {limit} bytes."
            )
        return self.get_response(request)


class DatabaseUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "database_unavailable"
    default_detail = "The database is not reachable right now; try again shortly."

    def __init__(self) -> None:
        super().__init__()
        # Read by the handler, which turns it into the Retry-After header.
        self.wait = settings.DATABASE_RETRY_AFTER_SECONDS


def is_database_outage(exc: BaseException) -> bool:
    """A lost or refused connection, or a query the server cancelled for running past
    statement_timeout (psycopg's QueryCanceled is an OperationalError too): the request
    may well succeed in a moment. Constraint violations and bad SQL are other errors;
    they stay 500s, because retrying them changes nothing."""
    return isinstance(exc, OperationalError | InterfaceError)


class ApiExceptionHandler(ExceptionHandler):
    """drf-standardized-errors' handler, plus: a database outage is a 503 with
    Retry-After, so clients and proxies wait and retry instead of reporting a bug, and
    too many query parameters is a 400, not a 500."""

    def convert_known_exceptions(self, exc: Exception) -> Exception:
        if is_database_outage(exc):
            return DatabaseUnavailable()
        if isinstance(exc, TooManyFieldsSent):
            # Raised while DRF reads the query string, so Django's 400 handler never sees it.
            return ParseError(
                f"More than {settings.DATA_UPLOAD_MAX_NUMBER_FIELDS} query parameters or fields."
            )
        return super().convert_known_exceptions(exc)


# Paths the UI's router never owns: the API, sign-in, and files that must exist.
NOT_UI_PAGES = ("/api/", "/_allauth/", "/static/", "/assets/")


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, answering a method other than GET or HEAD on a file (POST /) with the
    API's JSON 405 instead of an empty body, and serving the UI's index.html for any
    other path that is not a file, as nginx does in Docker: the UI's router shows
    /sign-in, /tickets/7 or a mailed /reset-password/<key> link, also on a reload."""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        index = self.files.get("/")
        if (
            index is not None
            and request.path_info not in self.files
            and not request.path_info.startswith(NOT_UI_PAGES)
        ):
            return self.serve(index, request)
        return super().__call__(request)

    @staticmethod
    def serve(static_file, request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            response = error_response(
                405, "method_not_allowed", f'Method "{request.method}" not allowed.'
            )
            response["Allow"] = "GET, HEAD"
            return response
        response = WhiteNoiseMiddleware.serve(static_file, request)
        origin = events_origin(request)
        if origin is not None:
            # The UI reads the live-updates stream from its own port (scripts/run).
            response._csp_update = {"connect-src": [origin]}
        return response
