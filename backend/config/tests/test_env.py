import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_list, env_number, env_str


def test_a_required_variable_that_is_missing_names_itself(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        env_str("SECRET_KEY")


def test_defaults_apply_only_when_unset_or_empty(monkeypatch):
    monkeypatch.setenv("OLLAMA_MODEL", "")
    assert env_str("OLLAMA_MODEL", "llama3.2:3b") == "llama3.2:3b"
    monkeypatch.setenv("OLLAMA_MODEL", "llama3.2:1b")
    assert env_str("OLLAMA_MODEL", "llama3.2:3b") == "llama3.2:1b"


@pytest.mark.parametrize(
    ("raw", "expected"), [("1", True), ("TRUE", True), ("on", True), ("0", False), ("no", False)]
)
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env_bool("DEBUG", False) is expected


def test_debug_is_off_unless_asked(monkeypatch):
    monkeypatch.delenv("DEBUG", raising=False)
    assert env_bool("DEBUG", False) is False


@pytest.mark.parametrize(
    ("reader", "raw", "message"),
    [
        (lambda: env_bool("DEBUG", False), "maybe", "DEBUG must be a boolean"),
        (lambda: env_number("OLLAMA_TIMEOUT", 8.0), "fast", "OLLAMA_TIMEOUT must be a number"),
        (lambda: env_number("OLLAMA_TIMEOUT", 8.0), "-1", "OLLAMA_TIMEOUT must be at least 0"),
        (lambda: env_int("OLLAMA_TIMEOUT", 8), "2.5", "OLLAMA_TIMEOUT must be a whole number"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(monkeypatch, reader, raw, message):
    name = message.split()[0]
    monkeypatch.setenv(name, raw)
    with pytest.raises(ImproperlyConfigured, match=message):
        reader()


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " desk.example.com, localhost ,,")
    assert env_list("ALLOWED_HOSTS", []) == ["desk.example.com", "localhost"]


@pytest.mark.parametrize(
    ("pooler", "cursors", "options"),
    [("false", False, "-c statement_timeout=15s"), ("true", True, None)],
)
def test_behind_a_transaction_pooler_nothing_needs_a_session_of_its_own(pooler, cursors, options):
    """PgBouncer in transaction mode refuses start-up options and may run two
    transactions of one client on two server connections."""
    read = (
        "from django.conf import settings; db = settings.DATABASES['default']; "
        "print(db.get('DISABLE_SERVER_SIDE_CURSORS', False), db['OPTIONS'].get('options'))"
    )
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "SECRET_KEY": "test",
        "DB_TRANSACTION_POOLER": pooler,
        "DB_STATEMENT_TIMEOUT": "15",
    }
    printed = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {read}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout
    assert printed.strip() == f"{cursors} {options}"
