"""scripts/run reads .env as Docker Compose does, so one file means the same to both.

The expected values are those of Compose's documented .env syntax and interpolation
(https://docs.docker.com/compose/environment-variables/variable-interpolation/), each a
line of one file here.
"""

import subprocess

import pytest

from config.tests.live_server import REPO

COMPOSE_EXAMPLES = [
    ("VAR=VAL", "VAL"),
    ('VAR="VAL"', "VAL"),
    ("VAR='VAL'", "VAL"),
    ("VAR=VAL # comment", "VAL"),
    ("VAR=VAL# not a comment", "VAL# not a comment"),
    ('VAR="VAL # not a comment"', "VAL # not a comment"),
    ('VAR="VAL" # comment', "VAL"),
    ("VAR='$OTHER'", "$OTHER"),
    ("VAR='${OTHER}'", "${OTHER}"),
    ("VAR='Let\\'s go!'", "Let's go!"),
    ('VAR="{\\"hello\\": \\"json\\"}"', '{"hello": "json"}'),
    ('VAR="some\\tvalue"', "some\tvalue"),
    ("VAR='some\\tvalue'", "some\\tvalue"),
    ("VAR=$BASE/suffix", "base/suffix"),
    ('VAR="${BASE}/suffix"', "base/suffix"),
    ("VAR=${UNSET:-fallback}", "fallback"),
    ("VAR=${EMPTY:-fallback} ${EMPTY-kept}", "fallback "),
    ("VAR=${BASE:+other}", "other"),
    ("VAR=price$$", "price$"),
    ("export VAR=VAL", "VAL"),
]


def load_dotenv(env_file, environment: dict[str, str]) -> dict[str, str]:
    """What scripts/lib.sh's load_dotenv exports, as the environment after it."""
    result = subprocess.run(
        ["bash", "-c", 'source scripts/lib.sh && load_dotenv "$1" && env -0', "-", env_file],
        cwd=REPO,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return dict(item.split("=", 1) for item in result.stdout.split("\0") if item)


@pytest.fixture
def env_file(tmp_path):
    lines = ["# settings", "BASE=base", "EMPTY=", ""]
    lines += [line.replace("VAR", f"VAR_{n}", 1) for n, (line, _) in enumerate(COMPOSE_EXAMPLES)]
    path = tmp_path / ".env"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_each_line_means_what_compose_says_it_means(env_file):
    loaded = load_dotenv(env_file, {"PATH": "/usr/bin:/bin"})
    assert {f"VAR_{n}": loaded.get(f"VAR_{n}") for n in range(len(COMPOSE_EXAMPLES))} == {
        f"VAR_{n}": value for n, (_, value) in enumerate(COMPOSE_EXAMPLES)
    }


def test_variables_already_set_win_over_the_file(env_file):
    loaded = load_dotenv(env_file, {"PATH": "/usr/bin:/bin", "VAR_0": "mine", "VAR_1": ""})
    assert (loaded["VAR_0"], loaded["VAR_1"]) == ("mine", "")


def test_a_required_variable_without_a_value_stops_the_run(tmp_path):
    path = tmp_path / ".env"
    path.write_text("SECRET=${MISSING:?set it first}\n")
    result = subprocess.run(
        ["bash", "-c", 'source scripts/lib.sh && load_dotenv "$1"', "-", path],
        cwd=REPO,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "MISSING: set it first" in result.stderr
