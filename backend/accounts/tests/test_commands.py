"""The operators' commands (their names and options are a contract), run as scripts
run them: as processes, with the password on standard input."""

import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_PASSWORD
from accounts.models import ApiToken, Role, User, hash_token
from accounts.tests.factories import make_person
from config.tests.live_server import BACKEND, migrated_database

pytestmark = pytest.mark.django_db(transaction=True)


def manage(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BACKEND,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env={"SECRET_KEY": settings.SECRET_KEY, "DATABASE_URL": migrated_database(), "PATH": ""},
    )


def test_create_user_reads_the_password_from_standard_input():
    made = manage(
        "create_user",
        "Ops@Example.com",
        "--role",
        "admin",
        "--name",
        "Olga Ops",
        stdin="a long admin passphrase\n",
    )
    assert made.returncode == 0, made.stderr
    olga = User.objects.get()
    assert (olga.email, olga.name, olga.role) == ("ops@example.com", "Olga Ops", Role.ADMIN)
    assert olga.check_password("a long admin passphrase")
    assert olga.password.startswith("argon2")


def test_create_user_says_clearly_when_the_email_has_an_account():
    make_person(email="taken@example.com")
    again = manage("create_user", "taken@example.com", "--role", "agent", stdin="whatever pass 1\n")
    assert again.returncode == 1
    assert "taken@example.com already has an account" in again.stderr
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "boss"], "long enough 1\n", "invalid choice"),
        (["--role", "agent"], "", "No password"),
        (["--role", "agent"], "12345678901\n", "entirely numeric"),
        (["--role", "agent", "--name", " "], "long enough 1\n", "name cannot be blank"),
    ],
)
def test_create_user_refuses_bad_input(args, stdin, message):
    refused = manage("create_user", "new@example.com", *args, stdin=stdin)
    assert refused.returncode != 0
    assert message in refused.stderr
    assert not User.objects.exists()


def test_create_user_refuses_an_address_that_is_none():
    refused = manage("create_user", "@example.com", "--role", "agent", stdin="long enough 1\n")
    assert refused.returncode != 0
    assert "valid email address" in refused.stderr
    assert not User.objects.exists()


def test_create_api_token_prints_one_working_token_on_one_line():
    agent = make_person(Role.AGENT)
    made = manage("create_api_token", agent.email, "--name", "nightly export")
    assert made.returncode == 0, made.stderr
    [line] = made.stdout.splitlines()
    token = ApiToken.objects.get()
    assert token.name == "nightly export"
    assert token.key_hash == hash_token(line)


def test_create_api_token_needs_an_active_person():
    assert "No active person" in manage("create_api_token", "nobody@example.com").stderr


def test_prepare_desk_makes_the_first_admin_from_settings_once(settings):
    settings.DESK_ADMIN_EMAIL = "root@example.com"
    settings.DESK_ADMIN_PASSWORD = "a long admin passphrase"
    call_command("prepare_desk")
    call_command("prepare_desk")
    assert list(User.objects.values_list("email", "role")) == [("root@example.com", "admin")]


def test_prepare_desk_points_at_the_setup_page_while_there_is_no_admin(capsys):
    call_command("prepare_desk", url="http://127.0.0.1:8000")
    assert "Create the administrator account at http://127.0.0.1:8000/setup" in (
        capsys.readouterr().out
    )
    make_person(Role.ADMIN)
    call_command("prepare_desk")
    assert "administrator" not in capsys.readouterr().out


def test_a_desk_that_was_a_demo_keeps_no_demo_account_outside_demo_mode(settings):
    settings.DEMO = True
    call_command("prepare_desk")
    assert User.objects.filter(is_active=True).count() == 6
    settings.DEMO = False
    call_command("prepare_desk")
    assert not User.objects.filter(is_active=True).exists()
    assert authenticate(email="admin@demo.example", password=DEMO_PASSWORD) is None
    settings.DEMO = True
    call_command("prepare_desk")
    assert User.objects.filter(is_active=True).count() == 6


def test_prepare_desk_refuses_half_an_admin(settings):
    settings.DESK_ADMIN_EMAIL = "root@example.com"
    with pytest.raises(CommandError, match="both"):
        call_command("prepare_desk")
