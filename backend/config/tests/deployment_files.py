"""The Docker deployment's files, read for the tests beside this module.

No Docker engine runs here: scripts/check-deploy validates these files with the real
tools (docker-compose config, hadolint, shellcheck, nginx -t); the tests check what those
cannot, how the files fit together and with the code that reads the same settings.
"""

import ast
import re
from functools import cache
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[3]
BACKEND = REPO / "backend"
# ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, ${NAME?message}
SUBSTITUTION = re.compile(r"\$\{(?P<name>[A-Z][A-Z0-9_]*)(?:(?P<op>:?[-?])(?P<arg>[^}]*))?\}")
SECRET_NAME = re.compile(r"KEY|SECRET|TOKEN|PASSWORD")


@cache
def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def service(name: str) -> dict:
    return compose()["services"][name]


def environment(name: str) -> dict[str, str]:
    env = service(name).get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, None) for item in env)
    return {key: str(value) if value is not None else "" for key, value in env.items()}


def default_of(value: str) -> str | None:
    """The default of a value that is exactly one ${NAME:-default} (or ${NAME-default})."""
    match = SUBSTITUTION.fullmatch(value)
    if match and match["op"] in (":-", "-"):
        return match["arg"]
    return None


def healthcheck_command(name: str) -> str:
    test = service(name)["healthcheck"]["test"]
    return " ".join(test) if isinstance(test, list) else test


def depends_on(name: str) -> dict[str, str]:
    """Each dependency with its condition (a plain list means service_started)."""
    deps = service(name).get("depends_on", {})
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {dep: spec.get("condition", "service_started") for dep, spec in deps.items()}


def mounts(name: str) -> dict[str, str]:
    """Container path -> volume source, for the service's volume mounts."""
    result = {}
    for volume in service(name).get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        result[target] = source
    return result


def compose_variables() -> set[str]:
    text = "".join(
        (REPO / name).read_text() for name in ("docker-compose.yml", "docker-compose.gpu.yml")
    )
    return {match["name"] for match in SUBSTITUTION.finditer(text)}


def env_example_entries() -> list[tuple[str, str, str]]:
    """(name, value, the comment line above it) for every NAME=value line."""
    lines = (REPO / ".env.example").read_text().splitlines()
    entries = []
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            above = lines[number - 1] if number else ""
            entries.append((name, value, above.removeprefix("# ") if above[:2] == "# " else ""))
    return entries


@cache
def env_example() -> dict[str, str]:
    return {name: value for name, value, _comment in env_example_entries()}


def _constant(node: ast.expr):
    """The value of a default written as a literal (or arithmetic on literals)."""
    if isinstance(node, ast.BinOp):
        left, right = _constant(node.left), _constant(node.right)
        operators = {ast.Mult: lambda a, b: a * b, ast.Add: lambda a, b: a + b}
        return operators[type(node.op)](left, right)
    return ast.literal_eval(node)


@cache
def code_reads() -> dict[str, tuple[str, object]]:
    """NAME -> (reader, default) for every env_*("NAME", ...) call in the backend's
    settings and gunicorn's (its config and its worker): Ellipsis when there is no
    default, None when it is not a literal."""
    reads = {}
    for path in (
        BACKEND / "config" / "settings.py",
        BACKEND / "gunicorn.conf.py",
        BACKEND / "gunicorn_worker.py",
    ):
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.startswith("env_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                default: object = ...
                if len(node.args) > 1:
                    try:
                        default = _constant(node.args[1])
                    except (ValueError, KeyError, TypeError):
                        default = None
                reads[node.args[0].value] = (node.func.id, default)
    return reads


def dockerfile(folder: str) -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (REPO / folder / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def image_env(folder: str) -> dict[str, str]:
    """The ENV NAME=value settings of a Dockerfile."""
    found = {}
    for line in dockerfile(folder):
        if line.upper().startswith("ENV "):
            found.update(item.split("=", 1) for item in line.split()[1:] if "=" in item)
    return found


def nginx_conf() -> str:
    return (REPO / "frontend" / "nginx.conf").read_text()


def nginx_directive(name: str) -> str:
    match = re.search(rf"^\s*{name}\s+([^;]+);", nginx_conf(), re.MULTILINE)
    assert match, f"frontend/nginx.conf has no {name}"
    return match[1]
