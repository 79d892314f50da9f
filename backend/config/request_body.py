"""Request bodies are bounded by MAX_REQUEST_BYTES however they arrive.

Django reads a body only as far as its Content-Length says, so a body sent with
`Transfer-Encoding: chunked` (no length) reads as empty: a create would fail with
"title: This field is required" although the client sent one. gunicorn decodes the
chunks and marks such input as terminated (`wsgi.input_terminated`); this WSGI layer
reads it, at most one byte past the limit, and hands Django the body with its length.
Django has no hook early enough for this (the request object is built from the length),
hence a WSGI wrapper.
"""

import io
from collections.abc import Callable, Iterable

from django.conf import settings

WSGIApp = Callable[[dict, Callable], Iterable[bytes]]


class BufferedBodyMiddleware:
    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if not environ.get("CONTENT_LENGTH") and environ.get("wsgi.input_terminated"):
            body = environ["wsgi.input"].read(settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
            if body:
                # One byte over the limit is enough for RequestSizeLimitMiddleware to
                # answer 413; the rest of an oversized body is never read.
                environ["wsgi.input"] = io.BytesIO(body)
                environ["CONTENT_LENGTH"] = str(len(body))
        return self.app(environ, start_response)
