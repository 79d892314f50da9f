"""The Docker deployment, checked without Docker.

Nothing here can build or start a container, so these tests read docker-compose.yml,
the Dockerfiles, the nginx config and .env.example, and check them against each other
and against the code that reads the same settings (config/settings.py,
gunicorn.conf.py). scripts/check-deploy validates the same files with docker-compose,
hadolint, shellcheck and nginx.
"""

import ast
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[3]
BACKEND = REPO / "backend"
SERVICES = {"db", "ollama", "backend", "frontend"}
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


def whole_substitution(value: str) -> re.Match | None:
    """The match when the value is exactly one ${...} and nothing else."""
    return SUBSTITUTION.fullmatch(value)


def default_of(value: str) -> str | None:
    match = whole_substitution(value)
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
    """Container path -> volume source, for the service's named-volume mounts."""
    result = {}
    for volume in service(name).get("volumes", []):
        if isinstance(volume, str):
            source, target = volume.split(":")[:2]
        else:
            source, target = volume.get("source"), volume["target"]
        result[target] = source
    return result


@cache
def env_example() -> dict[str, str]:
    return {name: value for name, value, _comment in _env_example_entries()}


def _env_example_entries() -> list[tuple[str, str, str]]:
    """(name, value, the comment line above it) for every NAME=value line."""
    lines = (REPO / ".env.example").read_text().splitlines()
    entries = []
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            name, _, value = line.partition("=")
            above = lines[number - 1] if number else ""
            entries.append((name, value, above.removeprefix("# ") if above[:2] == "# " else ""))
    return entries


def _constant(node: ast.expr):
    """The value of a default written as a literal (or arithmetic on literals)."""
    if isinstance(node, ast.BinOp):
        left, right = _constant(node.left), _constant(node.right)
        operators = {ast.Mult: lambda a, b: a * b, ast.Add: lambda a, b: a + b}
        return operators[type(node.op)](left, right)
    return ast.literal_eval(node)


@cache
def settings_reads() -> dict[str, tuple[str, object]]:
    """NAME -> (reader, default) for every env_*("NAME", ...) call in settings.py.

    The default is Ellipsis when there is none and None when it is not a literal.
    """
    tree = ast.parse((BACKEND / "config" / "settings.py").read_text())
    reads = {}
    for node in ast.walk(tree):
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


@cache
def gunicorn_reads() -> dict[str, str]:
    """NAME -> default for every os.environ.get("NAME", "default") in gunicorn.conf.py."""
    tree = ast.parse((BACKEND / "gunicorn.conf.py").read_text())
    reads = {}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and ast.unparse(node.func.value) == "os.environ"
        ):
            reads[node.args[0].value] = node.args[1].value
    return reads


def gunicorn_setting(name: str) -> int:
    tree = ast.parse((BACKEND / "gunicorn.conf.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and ast.unparse(node.targets[0]) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"gunicorn.conf.py does not set {name}")


def compose_variables() -> set[str]:
    text = "".join(
        (REPO / name).read_text() for name in ("docker-compose.yml", "docker-compose.gpu.yml")
    )
    return {match["name"] for match in SUBSTITUTION.finditer(text)}


def dockerfile(folder: str) -> list[str]:
    """The Dockerfile's instructions, continuation lines joined, comments dropped."""
    text = (REPO / folder / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def base_images(folder: str) -> list[str]:
    return [line.split()[1] for line in dockerfile(folder) if line.upper().startswith("FROM ")]


def nginx_directive(name: str) -> str:
    text = (REPO / "frontend" / "nginx.conf").read_text()
    match = re.search(rf"^\s*{name}\s+([^;]+);", text, re.MULTILINE)
    assert match, f"frontend/nginx.conf has no {name}"
    return match[1]


def _seconds(duration: str) -> int:
    return int(duration.removesuffix("s"))


def _bytes(size: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    unit = units.get(size[-1].lower())
    return int(size[:-1]) * unit if unit else int(size)


# Compose file: services, start order, volumes


def test_compose_defines_the_four_services():
    assert set(compose()["services"]) == SERVICES


def test_db_is_postgres_with_a_pinned_major():
    image = service("db")["image"]
    assert re.fullmatch(r"postgres:\d+(\.\d+)?(-[a-z0-9.]+)?", image), image


def test_database_and_models_live_in_named_volumes():
    named = set(compose().get("volumes") or {})
    major = int(re.match(r"postgres:(\d+)", service("db")["image"])[1])
    # From PostgreSQL 18 the image keeps its data in a versioned folder below this one.
    db_path = "/var/lib/postgresql" if major >= 18 else "/var/lib/postgresql/data"
    assert mounts("db").get(db_path) in named, f"db data must be a named volume at {db_path}"
    assert mounts("ollama").get("/root/.ollama") in named


def test_generated_secret_key_is_kept_in_a_named_volume():
    script = (BACKEND / "docker-entrypoint.sh").read_text()
    key_file = re.search(r"^\s*key_file=(\S+)$", script, re.MULTILINE)[1]
    folder = str(Path(key_file).parent)
    assert mounts("backend").get(folder) in set(compose().get("volumes") or {}), (
        f"the SECRET_KEY written to {key_file} would be lost with the container"
    )


def test_db_ollama_and_backend_have_healthchecks():
    for name in ("db", "ollama", "backend"):
        assert service(name).get("healthcheck", {}).get("test"), f"{name} has no healthcheck"


def test_db_healthcheck_probes_over_tcp():
    # On first start the image runs a socket-only temporary server; pg_isready over the
    # socket would call the database ready before it really is.
    command = healthcheck_command("db")
    assert "pg_isready" in command
    assert re.search(r"(-h|--host)[ =]\S+", command), command


def test_ollama_healthcheck_uses_the_ollama_cli():
    # The ollama/ollama image has no curl or wget.
    command = healthcheck_command("ollama")
    assert "ollama list" in command
    assert "curl" not in command
    assert "wget" not in command


def test_backend_healthcheck_calls_the_health_endpoint_with_python():
    # The backend image has no curl either.
    command = healthcheck_command("backend")
    assert "python" in command
    assert "curl" not in command
    assert "/api/health/" in command
    assert ":8000/" in command


def test_backend_waits_for_a_healthy_database():
    assert depends_on("backend").get("db") == "service_healthy"


def test_backend_does_not_wait_for_the_model():
    # A healthy-ollama condition would hold the whole stack back for a first download.
    assert depends_on("backend").get("ollama", "service_started") == "service_started"


def test_frontend_waits_for_a_healthy_backend():
    assert depends_on("frontend").get("backend") == "service_healthy"


def test_frontend_publishes_app_port_on_nginx_port_80():
    assert service("frontend")["ports"] == ["${APP_PORT:-8080}:80"]
    assert nginx_directive("listen") == "80"


def test_gpu_override_reserves_nvidia_gpus_for_ollama_only():
    override = yaml.safe_load((REPO / "docker-compose.gpu.yml").read_text())
    assert set(override["services"]) == {"ollama"}
    devices = override["services"]["ollama"]["deploy"]["resources"]["reservations"]["devices"]
    assert devices == [{"driver": "nvidia", "count": "all", "capabilities": ["gpu"]}]


# Compose file: settings


def test_backend_reaches_ollama_by_service_name():
    assert environment("backend")["OLLAMA_HOST"] == "http://ollama:11434"


def test_backend_and_ollama_agree_on_model_and_keep_alive():
    # Otherwise the backend asks for a model the ollama service never pulls.
    for name in ("OLLAMA_MODEL", "OLLAMA_KEEP_ALIVE"):
        assert environment("backend")[name] == environment("ollama")[name]
        assert whole_substitution(environment("ollama")[name])["name"] == name


def test_backend_database_url_points_at_the_db_service():
    url = environment("backend")["DATABASE_URL"]
    assert url.startswith("postgresql://")
    assert "@db:5432/" in url
    db = environment("db")
    for part in ("POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"):
        assert db[part] in url, f"DATABASE_URL must use the db's own {part}"


def test_llm_settings_are_passed_from_the_environment():
    env = environment("backend")
    for name in ("LLM_API_KEY", "LLM_BASE_URL", "LLM_MODEL"):
        match = whole_substitution(env.get(name, ""))
        assert match, f"{name} must be ${{{name}...}}, not {env.get(name)!r}"
        assert match["name"] == name


def test_secret_settings_are_never_written_into_the_compose_file():
    for name in SERVICES:
        for variable, value in environment(name).items():
            if not SECRET_NAME.search(variable):
                continue
            match = whole_substitution(value)
            assert match, f"{name}.{variable} must come from the environment, not {value!r}"
            if "PASSWORD" not in variable:
                assert not default_of(value), f"{name}.{variable} has a built-in default"


def test_settings_passed_empty_fall_back_to_their_defaults():
    # An empty value means "default" to env_str/env_number/env_bool, but an empty list
    # to env_list, and gunicorn.conf.py's int("") would crash.
    reads = settings_reads()
    for variable, value in environment("backend").items():
        if default_of(value) != "":
            continue
        assert variable not in gunicorn_reads(), f"{variable} must not be passed empty"
        reader, default = reads.get(variable, (None, None))
        assert reader is not None, f"settings.py does not read {variable}"
        assert not (reader == "env_list" and default), f"{variable} empty would clear its list"


def test_every_backend_setting_reaches_the_container():
    # FRONTEND_DIST is the one left out: in Docker, nginx serves the UI.
    passed = set(environment("backend"))
    missing = set(settings_reads()) - passed - {"FRONTEND_DIST"}
    assert not missing, f"docker-compose.yml does not pass {sorted(missing)} to the backend"


def test_compose_defaults_match_the_documented_defaults():
    for name in SERVICES:
        for variable, value in environment(name).items():
            for match in SUBSTITUTION.finditer(value):
                if match["op"] == ":-" and match["arg"]:
                    documented = env_example().get(match["name"])
                    assert match["arg"] == documented, (
                        f"{name}.{variable}: default {match['arg']!r} but .env.example "
                        f"says {match['name']}={documented!r}"
                    )


# .env.example


def test_env_example_lists_every_variable_read_anywhere():
    read = set(settings_reads()) | set(gunicorn_reads()) | compose_variables()
    missing = read - set(env_example())
    assert not missing, f".env.example lacks {sorted(missing)}"


def test_env_example_lists_nothing_that_is_not_read():
    read = set(settings_reads()) | set(gunicorn_reads()) | compose_variables()
    stale = set(env_example()) - read
    assert not stale, f".env.example lists {sorted(stale)}, which nothing reads"


def test_env_example_lists_each_variable_once():
    names = [name for name, _value, _comment in _env_example_entries()]
    assert len(names) == len(set(names))


def test_env_example_says_what_each_variable_means():
    lines = (REPO / ".env.example").read_text().splitlines()
    for line in lines:
        if line.strip() and not line.startswith("#"):
            assert re.fullmatch(r"[A-Z][A-Z0-9_]*=.*", line), f"not NAME=value: {line!r}"
    for name, _value, comment in _env_example_entries():
        assert comment, f".env.example: {name} needs a one-line comment above it"


def _same_value(reader: str, default: object, written: str) -> bool:
    if reader == "env_bool":
        return written.lower() in (("1", "true", "yes", "on") if default else ("0", "false"))
    if reader in ("env_number", "env_int"):
        return float(written) == float(default)
    if reader == "env_list":
        return [item.strip() for item in written.split(",") if item.strip()] == default
    return written == default


def test_env_example_values_are_the_settings_defaults():
    for name, (reader, default) in settings_reads().items():
        written = env_example()[name]
        if default is ...:
            assert written == "", f"{name} has no default; .env.example must leave it empty"
        elif default is not None:
            assert _same_value(reader, default, written), (
                f".env.example says {name}={written!r}, settings.py defaults to {default!r}"
            )


def test_env_example_values_are_the_gunicorn_defaults():
    for name, default in gunicorn_reads().items():
        assert env_example()[name] == default, name


# Secrets


def looks_like_a_key(text: str) -> bool:
    known = r"sk-[A-Za-z0-9_-]{16,}|AKIA[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{20,}|-----BEGIN"
    if re.search(known, text):
        return True
    for token in re.findall(r"[A-Za-z0-9_+=-]{32,}", text):
        if re.search(r"[a-z]", token) and re.search(r"[A-Z]", token) and re.search(r"\d", token):
            return True
    return False


@pytest.mark.parametrize(
    ("text", "is_key"),
    [
        ("LLM_API_KEY=sk-proj-4f9a8b7c6d5e4f3a2b1c", True),
        ("SECRET_KEY=q8Vd2LmX0pRt7YwZ3nK5bJc9HfA1sGeU6oIy4", True),
        ("LLM_API_KEY=", False),
        ("POSTGRES_PASSWORD=support", False),
        ("PIP_DISABLE_PIP_VERSION_CHECK=1", False),
    ],
)
def test_key_detector(text, is_key):
    assert looks_like_a_key(text) is is_key


@pytest.mark.parametrize(
    "path",
    [
        "docker-compose.yml",
        "docker-compose.gpu.yml",
        ".env.example",
        "backend/Dockerfile",
        "frontend/Dockerfile",
        "ollama/Dockerfile",
        "backend/docker-entrypoint.sh",
        "ollama/entrypoint.sh",
    ],
)
def test_no_key_is_written_into_deployment_files(path):
    assert not looks_like_a_key((REPO / path).read_text()), f"{path} contains what looks a key"


def test_env_example_leaves_keys_empty():
    for name, value in env_example().items():
        if SECRET_NAME.search(name) and "PASSWORD" not in name:
            assert value == "", f".env.example must not carry a value for {name}"


def test_secrets_stay_out_of_the_build_contexts():
    for folder in ("backend", "frontend"):
        ignored = (REPO / folder / ".dockerignore").read_text().splitlines()
        assert ".env" in ignored, f"{folder}/.dockerignore must exclude .env"
    assert ".venv/" in (BACKEND / ".dockerignore").read_text().splitlines()
    assert "node_modules/" in (REPO / "frontend" / ".dockerignore").read_text().splitlines()


# Dockerfiles


@pytest.mark.parametrize("folder", ["backend", "frontend", "ollama"])
def test_base_images_are_pinned(folder):
    stages = set()
    for line in dockerfile(folder):
        if line.upper().startswith("FROM "):
            words = line.split()
            image = words[1]
            if image not in stages:
                tag = image.partition(":")[2]
                assert tag, f"{folder}/Dockerfile: {image} has no tag"
                assert not tag.startswith("latest"), image
                assert re.match(r"\d", tag), f"{folder}/Dockerfile: {image} pins no version"
            if len(words) == 4 and words[2].upper() == "AS":
                stages.add(words[3])


def test_backend_image_is_slim_python():
    assert base_images("backend") == ["python:3.11-slim-bookworm"]


def test_backend_runs_as_a_non_root_user():
    users = [line.split()[1] for line in dockerfile("backend") if line.upper().startswith("USER ")]
    assert users, "backend/Dockerfile sets no USER, so it runs as root"
    user = users[-1].split(":")[0]
    assert user not in ("root", "0")


def test_backend_listens_on_all_interfaces_of_the_container():
    # gunicorn.conf.py binds 127.0.0.1 unless HOST says otherwise: unreachable from nginx.
    instructions = " ".join(dockerfile("backend"))
    assert re.search(r"\bHOST=0\.0\.0\.0\b", instructions)
    assert "gunicorn.conf.py" in instructions


def test_backend_entrypoint_migrates_then_runs_the_command():
    script = (BACKEND / "docker-entrypoint.sh").read_text()
    migrate = script.index("manage.py migrate --noinput")
    assert script.index('exec "$@"') > migrate


def test_frontend_builds_with_node_and_serves_with_nginx():
    images = base_images("frontend")
    assert len(images) >= 2, "frontend/Dockerfile must be a multi-stage build"
    assert images[0].startswith("node:")
    assert images[-1].startswith("nginx:")
    stages = {
        line.split()[3] for line in dockerfile("frontend") if re.match(r"FROM \S+ AS \S+$", line)
    }
    copies = [line for line in dockerfile("frontend") if line.startswith("COPY --from=")]
    assert any("/dist" in line and "/usr/share/nginx/html" in line for line in copies)
    for line in copies:
        source = line.split()[1].removeprefix("--from=")
        assert source in stages, f"frontend/Dockerfile copies from an unknown stage: {line}"


def test_ollama_image_is_the_official_one():
    assert re.fullmatch(r"ollama/ollama:\d+\.\d+\.\d+", base_images("ollama")[0])


# nginx


def test_nginx_proxies_the_api_to_the_backend_service():
    port = re.search(r"127\.0\.0\.1:(\d+)/api/health/", healthcheck_command("backend"))[1]
    assert nginx_directive("set \\$backend_origin") == f"http://backend:{port}"
    text = (REPO / "frontend" / "nginx.conf").read_text()
    api = re.search(r"location /api/ \{(.*?)\}", text, re.DOTALL)[1]
    assert "proxy_pass $backend_origin;" in api


def test_nginx_waits_longer_than_gunicorn():
    assert _seconds(nginx_directive("proxy_read_timeout")) > gunicorn_setting("timeout")


def test_nginx_body_limit_leaves_the_backend_to_refuse_large_requests():
    _reader, backend_limit = settings_reads()["MAX_REQUEST_BYTES"]
    assert _bytes(nginx_directive("client_max_body_size")) > backend_limit
