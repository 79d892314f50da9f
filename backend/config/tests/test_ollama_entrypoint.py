"""ollama/entrypoint.sh, run with sh against a stand-in `ollama` command.

The stand-in keeps its state in files: `serve` marks the server up and records the
signal that stops it; `show` succeeds once the model file exists; `pull` creates it;
`run` records its arguments. So the tests see what the script asked for, in order.
"""

import contextlib
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "ollama" / "entrypoint.sh"

FAKE_OLLAMA = """#!/bin/sh
state="$FAKE_OLLAMA_STATE"
echo "$*" >>"$state/calls"
case "$1" in
    serve)
        trap 'echo TERM >"$state/stopped"; exit 0' TERM
        touch "$state/serving"
        while :; do sleep 0.05; done
        ;;
    list) [ -e "$state/serving" ] ;;
    show) [ -e "$state/model" ] ;;
    pull) touch "$state/model" ;;
    run) echo "$2|$3" >"$state/ran" ;;
esac
"""


@pytest.fixture
def fake_ollama(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    command = bin_dir / "ollama"
    command.write_text(FAKE_OLLAMA)
    command.chmod(0o755)
    state = tmp_path / "state"
    state.mkdir()
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "FAKE_OLLAMA_STATE": str(state),
        "OLLAMA_MODEL": "llama3.2:3b",
    }
    started = []
    yield env, state, started
    # Whatever a failing test left running (the script, the stand-in server) goes too.
    for process in started:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def start(fake_ollama) -> subprocess.Popen:
    env, _state, started = fake_ollama
    process = subprocess.Popen(
        ["sh", str(SCRIPT)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    started.append(process)
    return process


def wait_for(path: Path, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.05)


def stop(process: subprocess.Popen) -> tuple[int, str]:
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=10)
    return process.returncode, output


def calls(state: Path) -> list[str]:
    return (state / "calls").read_text().splitlines()


def test_first_start_pulls_the_model_then_loads_it(fake_ollama):
    _env, state, _started = fake_ollama
    process = start(fake_ollama)
    wait_for(state / "ran")
    stop(process)
    assert "pull llama3.2:3b" in calls(state)
    assert calls(state).index("pull llama3.2:3b") < calls(state).index("run llama3.2:3b ")
    assert (state / "ran").read_text() == "llama3.2:3b|\n"


def test_later_starts_do_not_download_again(fake_ollama):
    _env, state, _started = fake_ollama
    (state / "model").touch()
    process = start(fake_ollama)
    wait_for(state / "ran")
    stop(process)
    assert not [call for call in calls(state) if call.startswith("pull")]


def test_sigterm_stops_the_server_and_the_container(fake_ollama):
    _env, state, _started = fake_ollama
    process = start(fake_ollama)
    wait_for(state / "ran")
    returncode, output = stop(process)
    assert (state / "stopped").read_text() == "TERM\n"
    assert returncode == 0, output


def test_the_container_stops_when_the_server_dies(fake_ollama):
    _env, state, _started = fake_ollama
    process = start(fake_ollama)
    wait_for(state / "ran")
    serve = subprocess.run(
        ["pgrep", "-f", "-P", str(process.pid), "ollama serve"],
        capture_output=True,
        text=True,
        check=True,
    )
    os.kill(int(serve.stdout.split()[0]), signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == 128 + signal.SIGKILL


def test_refuses_to_start_without_a_model_name(fake_ollama):
    env, state, _started = fake_ollama
    del env["OLLAMA_MODEL"]
    process = start(fake_ollama)
    output, _ = process.communicate(timeout=10)
    assert process.returncode != 0
    assert "OLLAMA_MODEL" in output
    assert not (state / "calls").exists()
