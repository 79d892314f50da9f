"""The README is the page a new user trusts: what it names must exist and work."""

import os
import re
import subprocess
from functools import cache
from pathlib import Path

import pytest
from django.urls import resolve

REPO = Path(__file__).resolve().parents[3]


@cache
def readme() -> str:
    return (REPO / "README.md").read_text()


def code_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", readme(), flags=re.S)


def commands() -> list[str]:
    """Lines of the shell blocks, and inline code that starts with a script."""
    lines = [line.split("#")[0].strip() for block in code_blocks() for line in block.splitlines()]
    inline = re.findall(r"`((?:scripts/|docker compose )[^`]+)`", readme())
    return [command for command in lines + inline if command]


def table_column(heading: str) -> list[str]:
    """The first column of the table under a `## heading`, without backticks."""
    section = readme().split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return [row.split("|")[1].strip() for row in rows]


def test_the_readme_starts_with_the_two_commands():
    first = code_blocks()[0].splitlines()
    assert first[0].startswith("scripts/run")
    assert first[1].startswith("scripts/test")


@pytest.mark.parametrize("target", re.findall(r"\]\((?!https?://)([^)#]+)\)", readme()))
def test_every_linked_file_exists(target):
    assert (REPO / target).exists(), target


@pytest.mark.parametrize(
    "script", sorted(set(re.findall(r"\b(scripts/[a-z-]+)", readme())) | {".ci/run"})
)
def test_every_script_named_exists_and_is_executable(script):
    assert os.access(REPO / script, os.X_OK), script


@pytest.mark.parametrize("script", ["scripts/run", "scripts/eval"])
def test_every_option_shown_for_a_script_is_one_it_takes(script):
    shown = {
        option
        for command in commands()
        if command.startswith(script)
        for option in re.findall(r"(--[a-z-]+)", command)
    }
    help_text = subprocess.run(
        [REPO / script, "--help"], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    assert shown
    assert {option for option in shown if option not in help_text} == set()


def test_compose_files_named_exist():
    for command in commands():
        for name in re.findall(r"-f (\S+\.ya?ml)", command):
            assert (REPO / name).is_file(), command


def test_the_configuration_table_matches_env_example():
    documented = {
        name.strip("`") for cell in table_column("Configuration") for name in cell.split(", ")
    }
    example = {
        line.split("=", 1)[0]
        for line in (REPO / ".env.example").read_text().splitlines()
        if re.match(r"[A-Z_]+=", line)
    }
    compose_only = {
        "APP_PORT",
        "POSTGRES_DB",
        "POSTGRES_USER",
        "POSTGRES_PASSWORD",
        "DOCKER_NUM_PROXIES",
    }
    run_only = {"DATA_DIR"}
    assert documented - run_only == example - compose_only


@pytest.mark.parametrize("route", table_column("API"))
def test_every_api_route_in_the_table_exists(route):
    method, path = route.strip("`").split(" ", 1)
    assert method in {"GET", "POST", "PATCH", "DELETE"}
    resolve(path.replace("{id}", "1"))
