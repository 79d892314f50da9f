""".env.example documents every setting: each one read anywhere, nothing else, with the
default the code and docker-compose.yml really use."""

import re

from config.tests.deployment_files import (
    REPO,
    SUBSTITUTION,
    code_reads,
    compose,
    compose_variables,
    env_example,
    env_example_entries,
    environment,
)


def read_anywhere() -> set[str]:
    return set(code_reads()) | compose_variables()


def test_it_lists_every_variable_read_anywhere():
    missing = read_anywhere() - set(env_example())
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_it_lists_nothing_that_is_not_read():
    stale = set(env_example()) - read_anywhere()
    assert not stale, f".env.example lists {sorted(stale)}, which nothing reads"


def test_it_lists_each_variable_once_with_a_comment_saying_what_it_means():
    names = [name for name, _value, _comment in env_example_entries()]
    assert len(names) == len(set(names))
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*=.*", line), f"not NAME=value: {line!r}"
    for name, _value, comment in env_example_entries():
        assert comment, f".env.example: {name} needs a one-line comment above it"


def _same_value(reader: str, default: object, written: str) -> bool:
    if reader == "env_bool":
        return written.lower() in (("1", "true", "yes", "on") if default else ("0", "false"))
    if reader in ("env_number", "env_int"):
        return float(written) == float(default)
    if reader == "env_list":
        return [item.strip() for item in written.split(",") if item.strip()] == default
    return written == default


def test_its_values_are_the_defaults_of_the_code():
    for name, (reader, default) in code_reads().items():
        written = env_example()[name]
        if default is ...:
            assert written == "", f"{name} has no default; .env.example must leave it empty"
        elif default is not None:
            assert _same_value(reader, default, written), (
                f".env.example says {name}={written!r}, the code defaults to {default!r}"
            )


def test_its_values_are_the_defaults_docker_compose_uses():
    for name in compose()["services"]:
        for variable, value in environment(name).items():
            for match in SUBSTITUTION.finditer(value):
                if match["op"] == ":-" and match["arg"]:
                    documented = env_example().get(match["name"])
                    assert match["arg"] == documented, (
                        f"{name}.{variable}: default {match['arg']!r} but .env.example "
                        f"says {match['name']}={documented!r}"
                    )
