"""scripts/run, run twice from one checkout as real processes: a taken port is said
plainly before anything claims to serve, and the embedded database they share is stopped
by the last run to leave, never under another one."""

import os
import signal
import subprocess
import time
import urllib.request

import psutil
import pytest

from config.tests.live_server import REPO, free_port, wait_until_serving


@pytest.fixture
def run_env(tmp_path):
    (tmp_path / "dist").mkdir()
    return {
        **os.environ,
        "DATA_DIR": str(tmp_path / "data"),
        # An empty, already built UI: nothing to build for these tests.
        "FRONTEND_DIST": str(tmp_path / "dist"),
        # Not the test run's database: each scripts/run starts or joins the embedded one.
        "DATABASE_URL": "",
        "SECRET_KEY": "",
        "OLLAMA_HOST": "http://127.0.0.1:9",
        "LLM_API_KEY": "",
    }


class Run:
    """scripts/run in a session of its own, as in a terminal."""

    def __init__(self, env: dict[str, str], port: int, log):
        self.port = port
        self.log = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [REPO / "scripts/run"],
                env={**env, "PORT": str(port)},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_until_serving(port, self.process, timeout=240)

    def ctrl_c(self) -> float:
        started = time.monotonic()
        os.killpg(self.process.pid, signal.SIGINT)
        assert self.process.wait(timeout=60) == 0
        return time.monotonic() - started

    def worker(self) -> psutil.Process:
        """The background worker this run started."""
        [worker] = [
            child
            for child in psutil.Process(self.process.pid).children(recursive=True)
            if "db_worker" in child.cmdline()
        ]
        return worker

    def output(self) -> str:
        return self.log.read_text()

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def database_answers(port: int) -> bool:
    """True when a request that needs the database is answered (health asks it)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health/", timeout=10) as response:
        return response.status == 200


def test_two_runs_from_one_checkout(run_env, tmp_path):
    first_port, second_port = free_port(), free_port()
    postmaster = tmp_path / "data" / "postgres" / "postmaster.pid"
    first = Run(run_env, first_port, tmp_path / "first.log")
    second = None
    try:
        clash = subprocess.run(
            [REPO / "scripts/run"],
            env={**run_env, "PORT": str(first_port)},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert clash.returncode == 1
        assert f"Port {first_port} on 127.0.0.1 is already in use" in clash.stderr
        assert "Serving" not in clash.stdout + clash.stderr
        assert database_answers(first_port), "the clashing run must leave the database alone"

        second = Run(run_env, second_port, tmp_path / "second.log")
        assert database_answers(first_port)
        assert database_answers(second_port)
        workers = [first.worker(), second.worker()]

        seconds = first.ctrl_c()
        assert not workers[0].is_running(), "Ctrl-C must stop the background worker too"
        assert workers[1].is_running()
        assert "Leaving the embedded PostgreSQL running" in first.output()
        assert database_answers(second_port), "the first run to leave stopped a shared database"
        assert postmaster.exists()

        second.ctrl_c()
        assert "Stopping the embedded PostgreSQL" in second.output()
        assert not postmaster.exists(), "the last run to leave must stop the database"
    finally:
        first.kill()
        if second:
            second.kill()
    assert seconds < 5
    for run in (first, second):
        assert "SIGKILL" not in run.output()
        assert f"Serving http://127.0.0.1:{run.port}" in run.output()


def test_a_run_whose_worker_dies_stops_and_says_it_failed(run_env, tmp_path):
    run = Run(run_env, free_port(), tmp_path / "run.log")
    try:
        run.worker().kill()
        assert run.process.wait(timeout=60) != 0
        assert not serving(run.port), "the server must not outlive its worker"
    finally:
        run.kill()


def serving(port: int) -> bool:
    try:
        return database_answers(port)
    except OSError:
        return False
