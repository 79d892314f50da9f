"""The one JSON parser of the API, stricter than DRF's about what it lets through.

DRF's JSONParser hands over whatever `json.loads` accepts. Two kinds of valid JSON then
break later, as a 500 instead of a 400: a lone surrogate escape ("\\ud800") cannot be
encoded back to UTF-8 (rendering an error that quotes it fails) nor stored by
PostgreSQL, and a document nested a thousand levels deep exhausts the recursion limit.
No library checks either, hence this small walk over the parsed document.
"""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# Request bodies are flat objects; a little nesting is tolerated, more is refused.
MAX_DEPTH = 8


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels") from None
        _check(data, depth=0)
        return data


def _check(value: object, *, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise ParseError(f"JSON parse error - nested deeper than {MAX_DEPTH} levels")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check(item, depth=depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check(item, depth=depth + 1)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError(
            "JSON parse error - a string holds a lone surrogate (\\ud800-\\udfff), "
            "which is not valid Unicode text"
        ) from None
