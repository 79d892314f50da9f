"""Strict readers for environment variables.

A variable that is set but cannot be parsed raises ImproperlyConfigured naming it:
a typo in a deployment should stop the server, not fall back to a silent default.
"""

import os
import re

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None or value == "":
        if default is None:
            raise ImproperlyConfigured(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_number(name: str, default: float, *, minimum: float = 0) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a number, got {value!r}") from None
    if number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value!r}")
    return number


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    number = env_number(name, default, minimum=minimum)
    if number != int(number):
        raise ImproperlyConfigured(f"{name} must be a whole number, got {os.environ[name]!r}")
    return int(number)


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


_RATE = re.compile(r"[1-9][0-9]*/(second|minute|hour|day)")


def env_rate(name: str, default: str) -> str:
    """A request rate such as "30/minute" (per second, minute, hour or day)."""
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if not _RATE.fullmatch(value.strip()):
        raise ImproperlyConfigured(
            f"{name} must be a rate such as 30/minute (per second, minute, hour or day), "
            f"got {value!r}"
        )
    return value.strip()
