"""scripts/manage runs the operators' commands on the desk scripts/run serves, with the
same settings and embedded database, as the README shows them."""

import os
import subprocess

import pytest

from config.tests.live_server import REPO


@pytest.fixture
def manage_env(tmp_path):
    return {
        **os.environ,
        "DATA_DIR": str(tmp_path / "data"),
        # Not the test run's database: like scripts/run, it starts the embedded one.
        "DATABASE_URL": "",
        "SECRET_KEY": "",
    }


def manage(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [REPO / "scripts/manage", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=180,
    )


def test_the_readme_commands_make_an_admin_and_a_token_on_a_fresh_desk(manage_env, tmp_path):
    made = manage(
        manage_env,
        "create_user",
        "you@example.com",
        "--role",
        "admin",
        "--name",
        "Your Name",
        stdin="a long passphrase\n",
    )
    assert made.returncode == 0, made.stderr
    assert "Created admin Your Name <you@example.com>" in made.stdout

    token = manage(manage_env, "create_api_token", "you@example.com", "--name", "nightly export")
    assert token.returncode == 0, token.stderr
    [line] = token.stdout.splitlines()
    assert line.startswith("desk_")
    # The database it started for the commands is stopped again.
    assert not (tmp_path / "data" / "postgres" / "postmaster.pid").exists()
