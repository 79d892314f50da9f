"""No secret is written into the deployment files or baked into an image: keys come from
the environment (or are generated into a volume), never from the repository."""

import re

import pytest

from config.tests.deployment_files import (
    REPO,
    SECRET_NAME,
    SUBSTITUTION,
    compose,
    default_of,
    env_example,
    environment,
)


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
        "frontend/nginx.conf",
    ],
)
def test_no_key_is_written_into_deployment_files(path):
    assert not looks_like_a_key((REPO / path).read_text()), f"{path} contains what looks a key"


def test_compose_takes_secrets_from_the_environment_with_no_default_key():
    for name in compose()["services"]:
        for variable, value in environment(name).items():
            if SECRET_NAME.search(variable):
                assert SUBSTITUTION.fullmatch(value), f"{name}.{variable} is written in the file"
                if "PASSWORD" not in variable:
                    assert not default_of(value), f"{name}.{variable} has a built-in default"


def test_env_example_leaves_keys_empty():
    for name, value in env_example().items():
        if SECRET_NAME.search(name) and "PASSWORD" not in name:
            assert value == "", f".env.example must not carry a value for {name}"


def test_local_settings_stay_out_of_the_images():
    for folder in ("backend", "frontend"):
        ignored = (REPO / folder / ".dockerignore").read_text().splitlines()
        assert ".env" in ignored, f"{folder}/.dockerignore must exclude .env"
