"""request_reader.ArrivingRequest, the worker's pre-parser, on its own: when a request is
whole, when to read more, what it refuses, and that "whole" always agrees with gunicorn's
own parser reading the same bytes."""

import json
import signal
from contextlib import contextmanager
from itertools import pairwise

import pytest
from gunicorn.config import Config
from gunicorn.http.errors import ParseException
from gunicorn.http.parser import RequestParser
from hypothesis import given, settings
from hypothesis import strategies as st

from request_reader import MAX_HEAD_BYTES, ArrivingRequest, json_error

BODY_LIMIT = 4096
POST = b"POST /api/tickets/ HTTP/1.1\r\nHost: x\r\n"
CHUNKED = POST + b"Transfer-Encoding: chunked\r\n\r\n"
GUNICORN = Config()


@contextmanager
def returning_within(seconds: float):
    """Turns code that never returns into a failure instead of a hung test run."""

    def interrupt(_signum, _frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def arrive(*pieces: bytes, max_line: int = 4094) -> ArrivingRequest:
    with returning_within(2):
        request = ArrivingRequest(pieces[0], deadline=0, max_line=max_line, max_body=BODY_LIMIT)
        for piece in pieces[1:]:
            request.receive(piece)
    return request


def outcome(request: ArrivingRequest) -> str | int:
    """ "whole", "waiting", or the status of the refusal."""
    if request.refusal:
        return int(request.refusal.split(b" ", 2)[1])
    return "whole" if request.whole else "waiting"


@pytest.fixture(params=["at once", "a byte at a time"])
def delivered(request):
    """Each case twice: in the pieces given, and one byte per receive."""
    if request.param == "at once":
        return lambda pieces: pieces
    return lambda pieces: [bytes([byte]) for byte in b"".join(pieces)]


def case(expected, *pieces: bytes, id: str):
    return pytest.param(pieces, expected, id=id)


CONTENT_LENGTH = [
    case("whole", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", id="no body"),
    case("waiting", b"GET / HTTP/1.1\r\nHost: x\r\n", id="head not ended"),
    case("waiting", POST, b"Content-Length: 5\r\n\r\n", b"abcd", id="one byte short"),
    case("whole", POST, b"Content-Length: 5\r\n\r\n", b"ab\ncd", id="body complete"),
    case("whole", POST + b"Content-Length: \t5 \r\n\r\nabcde", id="blanks around the length"),
    case("whole", POST + b"Content-Length: 5\r\n\r\nabcdeGET / HTTP/1.1\r\n", id="more behind"),
    case(413, POST + b"Content-Length: %d\r\n\r\n" % (BODY_LIMIT + 1), id="over the limit"),
    case(413, POST + b"Content-Length: 1%s\r\n\r\n" % (b"0" * 30), id="31 digits"),
    # gunicorn answers these 400 from the head alone.
    case("whole", POST + b"Content-Length: 12abc\r\n\r\n", id="not a number"),
    case("whole", POST + b"Content-Length: +5\r\n\r\nabcde", id="signed"),
    case("whole", POST + b"Content-Length: 5\r\nContent-Length: 5\r\n\r\n", id="twice"),
    case("whole", POST + b"Content-Length: %s\r\n\r\n" % (b"1" * 5000), id="past int()"),
]


@pytest.mark.parametrize(("pieces", "expected"), CONTENT_LENGTH)
def test_a_body_with_a_length_is_whole_once_that_many_bytes_arrived(delivered, pieces, expected):
    assert outcome(arrive(*delivered(pieces))) == expected


CHUNKS = [
    case("whole", CHUNKED, b"5\r\nhello\r\n0\r\n\r\n", id="one chunk"),
    case("waiting", CHUNKED, b"5\r\nhel", id="data still arriving"),
    case("waiting", CHUNKED, b"5\r\nhello\r\n0\r\n", id="last chunk, no empty line yet"),
    case("whole", CHUNKED, b"A\r\n0123456789\r\n0\r\n\r\n", id="uppercase hex"),
    case("whole", CHUNKED, b"a\r\n0123456789\r\n00\r\n\r\n", id="lowercase, leading zero"),
    case("whole", CHUNKED, b'5;name=value;q="a b"\r\nhello\r\n0;x\r\n\r\n', id="extensions"),
    case("whole", CHUNKED, b"5 \t;name\r\nhello\r\n0\r\n\r\n", id="blanks before an extension"),
    case("whole", CHUNKED, b"5\r\nhello\r\n0\r\nX-Sum: 1\r\nX-B: 2\r\n\r\n", id="trailers"),
    case("waiting", CHUNKED, b"5\r\nhello\r\n0\r\nX-Sum: 1\r\n", id="trailers not ended"),
    case("whole", CHUNKED, b"0\r\n\r\nGET / HTTP/1.1\r\n", id="more behind"),
    case(400, CHUNKED, b"-6\r\nxxxx", id="negative size"),
    case(400, CHUNKED, b"0x5\r\nhello\r\n0\r\n\r\n", id="0x prefix"),
    case(400, CHUNKED, b"+5\r\nhello\r\n0\r\n\r\n", id="plus sign"),
    case(400, CHUNKED, b"1_0\r\n", id="underscore"),
    case(400, CHUNKED, b" 5\r\nhello\r\n0\r\n\r\n", id="blank before the size"),
    case(400, CHUNKED, b"5 \r\nhello\r\n0\r\n\r\n", id="blank after the size"),
    case(400, CHUNKED, b"\r\n", id="no size"),
    case(400, CHUNKED, b"5;\r\nhello\r\n0\r\n\r\n", id="empty extension"),
    case(400, CHUNKED, b"5\r\nhelloXY0\r\n\r\n", id="data not ended by CRLF"),
    case(400, CHUNKED, b"5\nhello\r\n", id="size ended by a bare LF"),
    case(400, CHUNKED, b"5\r\nhello\r\n0\r\nX-Sum: 1\n\n", id="trailer ended by a bare LF"),
    case(400, CHUNKED, b"1;n=" + b"v" * 1100, id="size line over 1 KB, not ended"),
    case(400, CHUNKED, b"1;n=" + b"v" * 1100 + b"\r\nx\r\n0\r\n\r\n", id="size line over 1 KB"),
    case(413, CHUNKED, b"%x\r\n" % (BODY_LIMIT + 1), id="one chunk over the limit"),
    case(413, CHUNKED, b"800\r\n%s\r\n801\r\n" % (b"x" * 0x800), id="chunks over the limit"),
    case(431, CHUNKED, b"0\r\nX: %s" % (b"y" * MAX_HEAD_BYTES), id="trailers over 64 KB"),
]


@pytest.mark.parametrize(("pieces", "expected"), CHUNKS)
def test_a_chunked_body_is_whole_after_its_trailers_and_malformed_chunks_are_refused(
    delivered, pieces, expected
):
    assert outcome(arrive(*delivered(pieces))) == expected


TRANSFER_ENCODINGS = [
    # gunicorn reads these as chunked: the body is still to come.
    case("waiting", b"Transfer-Encoding: chunked", id="chunked"),
    case("waiting", b"Transfer-Encoding: Chunked", id="Chunked"),
    case("waiting", b"transfer-encoding: CHUNKED", id="lowercase name"),
    case("waiting", b"Transfer-Encoding: identity, chunked", id="identity, chunked"),
    case("waiting", b"Transfer-Encoding: gzip,chunked", id="gzip,chunked"),
    case("waiting", b"Transfer-Encoding: identity\r\nTransfer-Encoding: chunked", id="two lines"),
    # gunicorn answers these 400 or 501 from the head alone.
    case("whole", b"Transfer-Encoding: chunked, identity", id="chunked, identity"),
    case("whole", b"Transfer-Encoding: chunked, chunked", id="chunked twice"),
    case("whole", b"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked", id="two chunked"),
    case("whole", b"Transfer-Encoding: gzip", id="gzip alone"),
    case("whole", b"Transfer-Encoding: br, chunked", id="unknown coding"),
    case("whole", b"Transfer-Encoding: chunked,", id="empty coding"),
    case("whole", b"Transfer-Encoding: chunked\r\nContent-Length: 5", id="with a length"),
]


@pytest.mark.parametrize(("pieces", "expected"), TRANSFER_ENCODINGS)
def test_transfer_encoding_is_read_as_gunicorn_reads_it(delivered, pieces, expected):
    (field,) = pieces
    assert outcome(arrive(*delivered([POST, field, b"\r\n\r\n"]))) == expected


def test_chunked_over_http_1_0_is_left_to_gunicorn_to_refuse():
    head = b"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"
    assert outcome(arrive(head)) == "whole"


HEADS = [
    case(400, b"GET / HTTP/1.1\nHost: x\n\n", id="bare LF throughout"),
    case(400, b"GET / HTTP/1.1\r\nHost: x\nX: y\r\n", id="one bare LF, head not ended"),
    case(400, b"GET / HTTP/1.1\r\nHost: x\r\n\n", id="bare LF ending the head"),
    case("whole", b"GET / HTTP/1.1\r", b"\nHost: x\r", b"\n\r", b"\n", id="CRLF split"),
    case("waiting", b"\r\n", POST, b"Content-Length: 5\r\n\r\n", id="empty line first"),
    case("whole", b"GET /%s HTTP/1.1" % (b"a" * 5000), id="request line over the limit"),
    case("whole", b"GET /%s HTTP/1.1\r\nHost: x\r\n" % (b"a" * 5000), id="long line, ended"),
    case(431, b"GET / HTTP/1.1\r\nX-Big: %s" % (b"a" * MAX_HEAD_BYTES), id="head over 64 KB"),
    case("whole", b"NOT AN HTTP REQUEST\r\n\r\n", id="garbage, ended"),
    case("whole", POST + b"Expect: 100-continue, x\r\nContent-Length: 5\r\n\r\n", id="417"),
]


@pytest.mark.parametrize(("pieces", "expected"), HEADS)
def test_a_head_is_read_to_its_end_unless_gunicorn_can_answer_sooner(delivered, pieces, expected):
    assert outcome(arrive(*delivered(pieces))) == expected


def test_without_a_request_line_limit_a_long_line_is_waited_for():
    request = arrive(b"GET /%s HTTP/1.1" % (b"a" * 9000), max_line=0)
    assert outcome(request) == "waiting"


@pytest.mark.parametrize(
    ("head", "awaits_continue"),
    [
        pytest.param(POST + b"Expect: 100-continue\r\nContent-Length: 5\r\n\r\n", True, id="1.1"),
        pytest.param(POST + b"Expect: 100-Continue\r\nContent-Length: 5\r\n\r\n", True, id="case"),
        pytest.param(
            POST + b"Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n", True, id="chunked"
        ),
        pytest.param(
            b"POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n",
            False,
            id="HTTP/1.0 (RFC 9110 section 10.1.1: ignored)",
        ),
        pytest.param(POST + b"Content-Length: 5\r\n\r\n", False, id="no Expect"),
    ],
)
def test_100_continue_is_awaited_as_rfc_9110_says(head, awaits_continue):
    request = arrive(head)
    assert (outcome(request), request.awaits_continue) == ("waiting", awaits_continue)


def test_an_error_answer_carries_the_apps_security_headers():
    head, _, body = json_error(400, "bad_request", "The request is malformed.").partition(
        b"\r\n\r\n"
    )
    fields = dict(line.split(": ", 1) for line in head.decode().split("\r\n")[1:])
    assert fields["X-Content-Type-Options"] == "nosniff"
    assert fields["X-Frame-Options"] == "DENY"
    assert fields["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert int(fields["Content-Length"]) == len(body)
    assert json.loads(body)["errors"][0]["code"] == "bad_request"


# What gunicorn's parser makes of the same bytes, for the properties below.


def gunicorn_reads(data: bytes) -> tuple[bool, bytes | None]:
    """Whether gunicorn's parser, given `data` and nothing more, asked for more bytes;
    and the body it read, None where it refused the request."""
    asked_for_more = []

    def source():
        yield data
        asked_for_more.append(True)

    try:
        request = next(RequestParser(GUNICORN, source(), ("127.0.0.1", 50000)))
        body = request.body.read()
    except (ParseException, OSError, StopIteration):
        body = None
    return bool(asked_for_more), body


def pieces_of(data: bytes, cuts: list[int]) -> list[bytes]:
    bounds = [0, *sorted({cut % (len(data) + 1) for cut in cuts}), len(data)]
    return [data[start:end] for start, end in pairwise(bounds) if end > start]


REQUEST_LINES = [
    b"POST /api/tickets/ HTTP/1.1",
    b"GET / HTTP/1.1",
    b"POST / HTTP/1.0",
    b"GET / HTTP/2.0",
    b"GET /",
]
FIELDS = [
    b"Transfer-Encoding: chunked",
    b"Transfer-Encoding: Chunked",
    b"Transfer-Encoding: identity, chunked",
    b"Transfer-Encoding: identity\r\nTransfer-Encoding: chunked",
    b"Expect: 100-continue\r\nTransfer-Encoding: chunked",
    b"Content-Length: 3",
    b"Content-Length:  4 ",
    b"Host: x",
    b"Transfer-Encoding: chunked, identity",
    b"Transfer-Encoding: gzip",
    b"Transfer-Encoding: br",
    b"Transfer-Encoding: chunked\r\nContent-Length: 3",
    b"Content-Length: 3x",
    b"Expect: nothing",
    b"No colon",
    b" folded",
]
SIZES = [b"%x", b"%X", b"0%x", b"%x;e", b'%x ;e="v"', b"-%x", b"0x%x", b"+%x", b" %x", b"%x;"]
TRAILERS = [b"", b"X-Sum: 1\r\n", b"X-Sum: 1\r\nX-Other: 2\r\n"]
# Bytes that matter to framing, for the edits that make a request almost right.
EDITS = [bytes([byte]) for byte in b'\r\n0123456789abcdefABCDEF;:- \t"x']


@st.composite
def request_like_bytes(draw) -> bytes:
    """A request, well framed or not, then up to two bytes inserted, dropped or changed."""
    data = draw(st.sampled_from(REQUEST_LINES)) + b"\r\n"
    data += draw(st.sampled_from(FIELDS)) + b"\r\n\r\n"
    for size in draw(st.lists(st.integers(0, 10), max_size=3)):
        data += draw(st.sampled_from(SIZES)) % size + b"\r\n"
        data += draw(st.binary(min_size=size, max_size=size)) + b"\r\n"
    if draw(st.booleans()):
        data += b"0\r\n" + draw(st.sampled_from(TRAILERS)) + b"\r\n"
    edit = st.tuples(
        st.integers(0, len(data)), st.integers(0, 1), st.sampled_from(EDITS) | st.binary(max_size=1)
    )
    for at, dropped, inserted in draw(st.lists(edit, max_size=2)):
        data = data[:at] + inserted + data[at + dropped :]
    return data


@settings(max_examples=1000, deadline=None, database=None)
@given(data=request_like_bytes(), cuts=st.lists(st.integers(min_value=0), max_size=4))
def test_whatever_arrives_whole_gunicorn_parses_without_waiting_for_more(data, cuts):
    # A byte at a time finds the first moment it counts as whole; the pieces exercise
    # resuming a scan in the middle of what arrived.
    for pieces in ([bytes([byte]) for byte in data], pieces_of(data, cuts)):
        request = arrive(b"")
        for piece in pieces:
            with returning_within(2):
                request.receive(piece)
            if request.whole or request.refusal:
                break
        if request.whole:
            asked_for_more, _body = gunicorn_reads(bytes(request.data))
            assert not asked_for_more, bytes(request.data)


CHUNKED_FIELDS = [
    b"Transfer-Encoding: chunked",
    b"Transfer-Encoding: Chunked",
    b"Transfer-Encoding: identity, chunked",
    b"Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked",
]
VALID_SIZES = [b"%x", b"%X", b"00%x", b"%x;name=value", b'%x \t; q="a b"']


@st.composite
def complete_requests(draw) -> tuple[bytes, bytes]:
    """A well-framed request and the body gunicorn should read from it."""
    content = draw(st.binary(max_size=40))
    head = POST + draw(st.sampled_from([b"", b"Expect: 100-continue\r\n"]))
    if not draw(st.booleans()):
        return head + b"Content-Length: %d\r\n\r\n" % len(content) + content, content
    data = head + draw(st.sampled_from(CHUNKED_FIELDS)) + b"\r\n\r\n"
    for chunk in pieces_of(content, draw(st.lists(st.integers(min_value=0), max_size=3))):
        if chunk:
            data += draw(st.sampled_from(VALID_SIZES)) % len(chunk) + b"\r\n" + chunk + b"\r\n"
    trailers = draw(st.sampled_from([b"", b"X-Sum: 1\r\n", b"X-Sum: 1\r\nX-Other: 2\r\n"]))
    return data + b"0\r\n" + trailers + b"\r\n", content


@settings(max_examples=200, deadline=None, database=None)
@given(sent=complete_requests(), cuts=st.lists(st.integers(min_value=0), max_size=6))
def test_a_well_framed_request_is_whole_exactly_when_its_last_byte_arrives(sent, cuts):
    data, content = sent
    pieces = pieces_of(data, cuts)
    request = arrive(pieces[0])
    for piece in pieces[1:]:
        assert outcome(request) == "waiting"
        request.receive(piece)
    assert outcome(request) == "whole"
    assert gunicorn_reads(data) == (False, content)
