"""The Dockerfiles and the backend's entrypoint: who runs what, where it listens, and
that the two images agree with the nginx configuration and with Compose."""

import re

from config.tests.deployment_files import (
    BACKEND,
    REPO,
    compose,
    dockerfile,
    env_example,
    healthcheck_command,
    image_env,
    mounts,
    nginx_directive,
)

GUNICORN_TIMEOUT = re.compile(r"^timeout = (\d+)$", re.MULTILINE)


def test_the_backend_runs_as_a_user_other_than_root():
    users = [line.split()[1] for line in dockerfile("backend") if line.upper().startswith("USER ")]
    assert users, "backend/Dockerfile sets no USER, so it runs as root"
    assert users[-1].split(":")[0] not in ("root", "0")


def test_the_backend_listens_where_nginx_and_the_healthcheck_look_for_it():
    # gunicorn.conf.py binds 127.0.0.1 unless HOST says otherwise: unreachable from nginx.
    assert image_env("backend")["HOST"] == "0.0.0.0"
    port = image_env("backend")["PORT"]
    assert nginx_directive(r"set \$backend_origin") == f"http://backend:{port}"
    assert f":{port}/" in healthcheck_command("backend")
    assert "gunicorn.conf.py" in " ".join(dockerfile("backend"))


def test_the_backend_migrates_before_it_serves():
    script = (BACKEND / "docker-entrypoint.sh").read_text()
    assert script.index('exec "$@"') > script.index("manage.py migrate --noinput")


def test_a_generated_secret_key_is_kept_in_a_volume():
    script = (BACKEND / "docker-entrypoint.sh").read_text()
    key_file = re.search(r"^\s*key_file=(\S+)$", script, re.MULTILINE)[1]
    folder = key_file.rsplit("/", 1)[0]
    assert mounts("backend").get(folder) in set(compose().get("volumes") or {}), (
        f"the SECRET_KEY written to {key_file} would be lost with the container"
    )


def test_nginx_serves_the_ui_the_build_stage_made_with_the_configuration_as_a_template():
    stages = {
        line.split()[3] for line in dockerfile("frontend") if re.match(r"FROM \S+ AS \S+$", line)
    }
    copies = [line.split() for line in dockerfile("frontend") if line.startswith("COPY ")]
    built = [words for words in copies if words[1].startswith("--from=")]
    assert built, "frontend/Dockerfile must copy the UI from its build stage"
    for words in built:
        assert words[1].removeprefix("--from=") in stages
    root = nginx_directive("root")
    assert any(words[-2].endswith("/dist") and words[-1] == root for words in built)
    # The image's entrypoint turns templates/*.template into conf.d/*, filling in ${...}.
    assert ["nginx.conf", "/etc/nginx/templates/default.conf.template"] in [
        words[1:] for words in copies
    ]


def test_nginx_waits_for_the_backend_longer_than_gunicorn_lets_a_request_run():
    timeout = int(GUNICORN_TIMEOUT.search((BACKEND / "gunicorn.conf.py").read_text())[1])
    assert int(nginx_directive("proxy_read_timeout").removesuffix("s")) > timeout


def test_the_backend_image_holds_the_server_only():
    ignored = (BACKEND / ".dockerignore").read_text().splitlines()
    for development_only in ("requirements-dev.txt", "embedded_db.py", "compose_env.py", ".venv/"):
        assert development_only in ignored
    assert "node_modules/" in (REPO / "frontend" / ".dockerignore").read_text().splitlines()


def test_the_nginx_image_alone_fills_its_template_with_the_documented_defaults():
    named = set(re.findall(r"\$\{([A-Z][A-Z0-9_]*)\}", (REPO / "frontend/nginx.conf").read_text()))
    assert {name: image_env("frontend").get(name) for name in named} == {
        name: env_example()[name] for name in named
    }
