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
