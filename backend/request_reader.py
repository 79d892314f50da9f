"""A request read as it arrives, to know when it is whole; and error answers in JSON.

gunicorn_worker.py reads each request in its event loop and gives it to a thread only
once gunicorn's parser will need no more bytes from the socket. Telling when that is
means reading the request's framing as gunicorn does (RFC 9112): where the head ends,
Content-Length, Transfer-Encoding, each chunk-size line and the trailer section.

Input that gunicorn refuses from the head alone counts as whole, so that gunicorn
answers it with its usual status. Anything that would leave gunicorn waiting instead
(a malformed chunk, a line ended by a bare LF, a size line that never ends) is refused
here, from the event loop.
"""

import json
import re
from http import HTTPStatus

from gunicorn.http.body import CHUNK_EXT_RE
from gunicorn.http.message import MAX_REQUEST_LINE

# The largest request head (or trailer section) read before answering 431: far above any
# real browser's, and it bounds the memory a connection can take while still arriving.
MAX_HEAD_BYTES = 64 * 1024
# A chunk-size line has a few hex digits and maybe an extension, never pages.
MAX_CHUNK_LINE_BYTES = 1024

# The app's security headers (config/settings.py), with the strictest policy: nothing in
# a JSON error is ever loaded or framed.
SECURITY_HEADERS = (
    "X-Content-Type-Options: nosniff\r\n"
    "X-Frame-Options: DENY\r\n"
    "Referrer-Policy: same-origin\r\n"
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n"
)

DIGITS = re.compile(rb"[0-9]+")
HEX_DIGITS = re.compile(rb"[0-9A-Fa-f]+")
HTTP_VERSION = re.compile(rb"HTTP/([0-9])\.([0-9])")
# What gunicorn accepts before the final "chunked" of a Transfer-Encoding list.
CODINGS_BEFORE_CHUNKED = {b"identity", b"gzip", b"deflate", b"compress"}


def json_error(status: int, code: str, detail: str) -> bytes:
    """A whole HTTP/1.1 response in the API's error shape; the connection closes after it."""
    kind = "server_error" if status >= 500 else "client_error"
    body = json.dumps({"type": kind, "errors": [{"code": code, "detail": detail, "attr": None}]})
    head = (
        f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        f"{SECURITY_HEADERS}\r\n"
    )
    return head.encode("latin-1") + body.encode()


def chunk_size(line: bytes) -> int | None:
    """The size a chunk-size line gives, or None where gunicorn refuses the line.

    Hex digits only, then optional extensions (RFC 9112 section 7.1.1): no sign, "0x",
    "_" or spaces, all of which int(..., 16) would take.
    """
    size, semicolon, extensions = line.partition(b";")
    if semicolon:
        size = size.rstrip(b" \t")
        if not CHUNK_EXT_RE.fullmatch(semicolon + extensions):
            return None
    return int(size, 16) if HEX_DIGITS.fullmatch(size) else None


def content_length(values: list[bytes]) -> int | None:
    """The length Content-Length gives, or None where gunicorn refuses it: repeated, or
    not all digits (or more than int() takes)."""
    if len(values) != 1 or not DIGITS.fullmatch(values[0]):
        return None
    try:
        return int(values[0])
    except ValueError:
        return None


def has_bare_lf(data: bytearray, start: int, end: int) -> bool:
    """Whether a LF in data[start:end] has no CR before it, as gunicorn checks."""
    return data.count(b"\n", start, end) != data.count(b"\r\n", max(start - 1, 0), end)


class ArrivingRequest:
    """The bytes of one request as they arrive, and whether they are enough to serve it.

    After each `receive`, either `whole` (gunicorn's parser needs no more bytes: the
    request is complete, or gunicorn refuses it from what is there), or a `refusal` to
    send instead of serving it, or neither: read more. Each call scans only what is new
    (the request line once), so a client sending a byte at a time costs no more than
    one sending it all at once.
    """

    def __init__(self, ahead: bytes, *, deadline: float, max_line: int, max_body: int):
        self.data = bytearray()
        self.deadline = deadline
        # gunicorn's limit_request_line as its parser applies it: 0 means none.
        self.max_line = min(max_line, MAX_REQUEST_LINE)
        self.max_body = max_body
        self.whole = False
        # What to answer instead of serving the request, when it is refused early.
        self.refusal = b""
        # The client waits for "100 Continue" before it sends its body.
        self.awaits_continue = False
        self.line_checked = False  # the request line is known to fit its limit
        self.body_start: int | None = None
        self.length: int | None = None  # with Content-Length; None when chunked
        # Chunked: where the next chunk-size line starts (past a chunk's data and CRLF as
        # soon as its size is read), and where the trailer section starts.
        self.chunk_position = 0
        self.trailer_start: int | None = None
        self.content = 0  # the chunk sizes read so far, added up
        self.receive(ahead)

    def receive(self, data: bytes) -> None:
        arrived = len(self.data)
        self.data.extend(data)
        if self.body_start is None:
            self._read_head(arrived)
        if self.body_start is None or self.whole or self.refusal:
            return
        if self.length is not None:
            self.whole = len(self.data) - self.body_start >= self.length
            return
        if self.trailer_start is None:
            self._read_chunks(arrived)
        if self.trailer_start is not None and not self.refusal:
            self._read_trailers(arrived)

    def _read_head(self, arrived: int) -> None:
        head_end = self.data.find(b"\r\n\r\n", max(arrived - 3, 0))
        if has_bare_lf(self.data, arrived, len(self.data) if head_end < 0 else head_end + 4):
            self.refuse(400, "bad_request", "Lines of a request end in CRLF, not a bare LF.")
            return
        if self._request_line_too_long():
            self.whole = True  # gunicorn answers 414 from what is there
            return
        if (head_end if head_end >= 0 else len(self.data)) > MAX_HEAD_BYTES:
            detail = f"The request headers are over the limit of {MAX_HEAD_BYTES} bytes."
            self.refuse(431, "request_headers_too_large", detail)
            return
        if head_end >= 0:
            self.body_start = self.chunk_position = head_end + 4
            self._read_framing(head_end)

    def _request_line_too_long(self) -> bool:
        """Whether gunicorn refuses the request line as too long, needing no more bytes.

        Decided once, as soon as there are more bytes than a line within the limit takes.
        """
        # One empty line may come before the request line (RFC 9112 section 2.2).
        start = 2 if self.data.startswith(b"\r\n") else 0
        if self.line_checked or not self.max_line or len(self.data) - start <= self.max_line + 2:
            return False
        self.line_checked = True
        return self.data.find(b"\r\n", start, start + self.max_line + 2) < 0

    def _read_framing(self, head_end: int) -> None:
        """How the body is framed, read from the head as gunicorn reads it."""
        start = 2 if self.data.startswith(b"\r\n") else 0
        request_line, *lines = bytes(self.data[start:head_end]).split(b"\r\n")
        parts = request_line.split(b" ", 2)
        match = HTTP_VERSION.fullmatch(parts[2]) if len(parts) == 3 else None
        # (0, 0) when there is none: not a version gunicorn takes either.
        version = (int(match[1]), int(match[2])) if match else (0, 0)
        fields: dict[bytes, list[bytes]] = {}
        for line in lines:
            name, _colon, value = line.partition(b":")
            fields.setdefault(name.lower(), []).append(value.strip(b" \t"))
        expect = fields.get(b"expect", [])
        if not (1, 0) <= version < (2, 0):
            self.whole = True  # gunicorn refuses the request line
        elif any(value.lower() != b"100-continue" for value in expect):
            self.whole = True  # gunicorn answers 417
        elif b"transfer-encoding" in fields:
            codings = [
                coding.strip(b" \t").lower()
                for value in fields[b"transfer-encoding"]
                for coding in value.split(b",")
            ]
            # gunicorn answers anything else 400 or 501 from the head.
            self.whole = not (
                codings[-1] == b"chunked"
                and set(codings[:-1]) <= CODINGS_BEFORE_CHUNKED
                and b"content-length" not in fields
                and version >= (1, 1)
            )
        else:
            self.length = content_length(fields.get(b"content-length", [b"0"]))
            self.whole = self.length is None  # gunicorn answers 400
            if self.length is not None and self.length > self.max_body:
                self.refuse_as_too_large()
        # RFC 9110 section 10.1.1: an HTTP/1.0 client's 100-continue is ignored.
        self.awaits_continue = bool(expect) and version >= (1, 1)

    def _read_chunks(self, arrived: int) -> None:
        """Walks the chunks received so far, up to the last one."""
        while len(self.data) >= self.chunk_position:
            if self.data[self.chunk_position - 2 : self.chunk_position] != b"\r\n":
                self.refuse(400, "bad_request", "A chunk's data does not end with CRLF.")
                return
            line_end = self.data.find(b"\r\n", max(self.chunk_position, arrived - 1))
            line_length = (len(self.data) - 1 if line_end < 0 else line_end) - self.chunk_position
            if line_length > MAX_CHUNK_LINE_BYTES:
                detail = f"A chunk-size line is over the limit of {MAX_CHUNK_LINE_BYTES} bytes."
                self.refuse(400, "bad_request", detail)
                return
            if line_end < 0:
                return
            size = chunk_size(bytes(self.data[self.chunk_position : line_end]))
            if size is None:
                self.refuse(400, "bad_request", "A chunk-size line is malformed.")
                return
            if size == 0:
                self.trailer_start = line_end + 2
                return
            self.content += size
            if self.content > self.max_body:
                self.refuse_as_too_large()
                return
            # Past the chunk's data and its CRLF: always forward, as size > 0.
            self.chunk_position = line_end + 2 + size + 2

    def _read_trailers(self, arrived: int) -> None:
        """The trailer section ends with an empty line, as a head does."""
        end = self.data.find(b"\r\n\r\n", max(self.trailer_start - 2, arrived - 3))
        fields_end = len(self.data) if end < 0 else end + 4
        if has_bare_lf(self.data, max(self.trailer_start, arrived), fields_end):
            self.refuse(400, "bad_request", "Lines of a request end in CRLF, not a bare LF.")
        elif end >= 0:
            self.whole = True
        elif len(self.data) - self.trailer_start > MAX_HEAD_BYTES:
            detail = f"The request trailers are over the limit of {MAX_HEAD_BYTES} bytes."
            self.refuse(431, "request_headers_too_large", detail)

    def refuse(self, status: int, code: str, detail: str) -> None:
        self.refusal = json_error(status, code, detail)

    def refuse_as_too_large(self) -> None:
        detail = f"The request body is over the limit of {self.max_body} bytes."
        self.refuse(413, "request_too_large", detail)
