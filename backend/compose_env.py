"""Reads a .env file as Docker Compose does, so that scripts/run and Compose agree on it.

    python compose_env.py FILE   # prints `export NAME=value` lines for a shell to eval

Quotes, escapes, `export` and `# comments` are python-dotenv's parser's, which follows
the same rules. Interpolation is Compose's, which python-dotenv does differently (it
expands `${NAME}` even in single quotes, and neither `$NAME` nor `$$`): in unquoted and
double-quoted values `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
`${NAME:+other}`, `${NAME+other}`, `${NAME:?error}`, `${NAME?error}` and `$$` for a `$`;
single-quoted values are literal. Names resolve from the environment, then from the
file's earlier lines. Variables already set in the environment are not printed: they
win, as they do with Compose.
"""

import os
import re
import shlex
import sys
from pathlib import Path

from dotenv.parser import parse_stream

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
REFERENCE = re.compile(
    rf"\$(?:(?P<escaped>\$)|(?P<named>{NAME})"
    rf"|\{{(?P<braced>{NAME})(?:(?P<operator>:?[-+?])(?P<argument>[^}}]*))?\}})"
)


class MissingValue(Exception):
    pass


def interpolate(value: str, known: dict[str, str]) -> str:
    def replace(match: re.Match) -> str:
        if match["escaped"]:
            return "$"
        name = match["named"] or match["braced"]
        current, operator, argument = known.get(name), match["operator"], match["argument"]
        if operator is None:
            return current or ""
        # With a colon, an empty value counts as unset.
        present = current is not None and (current != "" or not operator.startswith(":"))
        if operator.endswith("-"):
            return current if present else argument
        if operator.endswith("+"):
            return argument if present else ""
        if not present:
            raise MissingValue(f"{name}: {argument or 'required variable is missing a value'}")
        return current

    return REFERENCE.sub(replace, value)


def read(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    with path.open() as stream:
        for binding in parse_stream(stream):
            if binding.key is None or binding.value is None:
                continue
            written = binding.original.string.split("=", 1)[1].lstrip()
            if written.startswith("'"):
                values[binding.key] = binding.value
            else:
                values[binding.key] = interpolate(binding.value, {**values, **os.environ})
    return values


if __name__ == "__main__":
    try:
        settings = read(Path(sys.argv[1]))
    except MissingValue as error:
        sys.exit(f"{sys.argv[1]}: {error}")
    for name, value in settings.items():
        if name not in os.environ and re.fullmatch(NAME, name):
            print(f"export {name}={shlex.quote(value)}")
