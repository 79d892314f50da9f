"""How long a normal GET /api/health/ takes while slow clients dribble their request
bodies into gunicorn, served as scripts/run serves it (2 workers x 4 threads).

    scripts/bench --slow-clients [--clients 16] [--dribble-seconds 100] [--requests 8]
                                 [--worker-class gthread]

Each slow client sends its headers, then one byte of its body per second, so that its
body is whole after --dribble-seconds. --worker-class gthread measures gunicorn's stock
worker instead of gunicorn_worker.BufferedThreadWorker. Everything stays on 127.0.0.1
and stops by itself.
"""

import argparse
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench.api import free_port

BACKEND_DIR = Path(__file__).resolve().parent.parent


def health_seconds(port: int, timeout: float) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health/", timeout=timeout) as r:
        r.read()
    return time.perf_counter() - started


def dribble(port: int, seconds: int, stop: threading.Event) -> None:
    """One slow client: headers at once, then a byte a second until its body is whole."""
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(
            b"POST /api/tickets/classify/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n" % seconds
        )
        for _ in range(seconds):
            if stop.wait(1):
                return
            sock.sendall(b" ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--dribble-seconds", type=int, default=100)
    parser.add_argument("--requests", type=int, default=8, help="normal GETs sent at once")
    parser.add_argument("--worker-class", help="a gunicorn worker class (default: the project's)")
    args = parser.parse_args()

    # The slow clients' requests go as far as the app's throttle, whose table must exist.
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=BACKEND_DIR, check=True)
    port = free_port()
    command = [sys.executable, "gunicorn.conf.py", "--access-logfile", "/dev/null"]
    if args.worker_class:
        command += ["--worker-class", args.worker_class]
    server = subprocess.Popen(
        [*command, "--log-level", "error"],
        cwd=BACKEND_DIR,
        env=os.environ | {"PORT": str(port), "WEB_CONCURRENCY": "2", "GUNICORN_THREADS": "4"},
    )
    stop = threading.Event()
    try:
        for _ in range(100):
            try:
                health_seconds(port, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        baseline = statistics.median(health_seconds(port, timeout=10) for _ in range(5))
        clients = [
            threading.Thread(target=dribble, args=(port, args.dribble_seconds, stop))
            for _ in range(args.clients)
        ]
        for client in clients:
            client.start()
        time.sleep(1)
        # Several at once: the kernel hands each connection to either worker, and one
        # worker may have fewer slow clients than threads.
        with ThreadPoolExecutor(args.requests) as pool:
            under_load = sorted(
                pool.map(
                    lambda _: health_seconds(port, timeout=args.dribble_seconds + 30),
                    range(args.requests),
                )
            )
        worker = args.worker_class or "gunicorn_worker.BufferedThreadWorker"
        print(f"worker: {worker}")
        print(f"GET /api/health/ alone: {baseline * 1000:.1f} ms (median of 5)")
        print(
            f"{args.requests} GET /api/health/ at once, with {args.clients} clients dribbling "
            f"their bodies: fastest {under_load[0] * 1000:.1f} ms, "
            f"median {statistics.median(under_load) * 1000:.1f} ms, "
            f"slowest {under_load[-1] * 1000:.1f} ms"
        )
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
