"""Times the classifier against a misbehaving Ollama and against costly input.

    python -m bench.faults [--timeout 2] [--burst 16] [--trickle 0.1] [--huge-mb 200]

Runs the fake Ollama server of the tests in this process; no database, no model.
Prints, one line each: a burst of concurrent classifications just after a hung
Ollama's skip window ends (median and max latency, and how many reached Ollama); one
classification against an Ollama that trickles its answer a byte at a time; one
against an Ollama whose answer is huge (time and peak memory growth); 10,000 copies of U+FDFA
through the whole chain; and the rules alone on every labelled ticket.
"""

import argparse
import os
import resource
import statistics
import threading
import time

SKIP_SECONDS = 1.0
RULES_ROUNDS = 20


def timed(call) -> float:
    """Milliseconds one call takes."""
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def hung(fake, behaviour, burst: int) -> str:
    from classifier import classify

    fake.behaviour = behaviour(delay=3600)
    classify("Hung", "The first request finds Ollama hung and opens its skip window.")
    time.sleep(SKIP_SECONDS * 1.1)
    before = len(fake.chats())
    latencies: list[float] = []
    start = threading.Barrier(burst)

    def one(number: int) -> None:
        start.wait()
        latencies.append(timed(lambda: classify("Invoice", f"Ticket {number} after the window.")))

    threads = [threading.Thread(target=one, args=(n,)) for n in range(burst)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return (
        f"median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms, "
        f"{len(fake.chats()) - before} of {burst} sent to Ollama"
    )


def trickling(fake, behaviour, interval: float) -> str:
    from classifier import classify

    fake.behaviour = behaviour(trickle=interval)
    elapsed = timed(lambda: classify("Trickle", "Ollama sends one byte at a time."))
    return f"{elapsed:.0f} ms"


def huge(fake, behaviour, megabytes: int) -> str:
    from classifier import classify

    fake.behaviour = behaviour(padding=megabytes * 1024 * 1024)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    elapsed = timed(lambda: classify("Huge", "Ollama answers with a huge body."))
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    return f"{elapsed:.0f} ms, peak memory +{grown:.0f} MB"


def expensive_input() -> str:
    from classifier import classify

    classify("Warm", "The first request finds Ollama away and opens its skip window.")
    started = time.process_time()
    elapsed = timed(lambda: classify("Symbols", "\ufdfa" * 10_000))
    return f"{elapsed:.1f} ms ({(time.process_time() - started) * 1000:.1f} ms CPU)"


def rules() -> str:
    from classifier.eval import DATA, load
    from classifier.rules import RulesClassifier

    backend = RulesClassifier()
    tickets = [(ticket["title"], ticket["description"]) for ticket in load(DATA, "all")]
    per_ticket = []
    for _ in range(RULES_ROUNDS):
        started = time.process_time()
        for title, description in tickets:
            backend.classify(title, description)
        per_ticket.append((time.process_time() - started) / len(tickets) * 1000)
    return (
        f"median {statistics.median(per_ticket):.3f} ms CPU per ticket "
        f"({len(tickets)} tickets, {RULES_ROUNDS} rounds)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=2.0, help="OLLAMA_TIMEOUT, seconds")
    parser.add_argument("--burst", type=int, default=16, help="concurrent requests")
    parser.add_argument("--trickle", type=float, default=0.1, help="seconds between bytes")
    parser.add_argument("--huge-mb", type=int, default=200, help="size of the huge answer")
    args = parser.parse_args()

    # The settings module insists on these; nothing here touches a database.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    import django

    django.setup()
    from django.conf import settings
    from django.test import override_settings

    from classifier.chain import IN_MEMORY_CACHE
    from classifier.tests.fakes import Behaviour, FakeOllama

    fake = FakeOllama()
    chain = {
        "OLLAMA_HOST": fake.url,
        "OLLAMA_MODEL": "llama3.2:3b",
        "OLLAMA_CONNECT_TIMEOUT": 1.0,
        "OLLAMA_TIMEOUT": args.timeout,
        "LLM_API_KEY": "",
        "CLASSIFIER_SKIP_SECONDS": SKIP_SECONDS,
        "CLASSIFIER_CACHE_SECONDS": 0,
        "CACHES": settings.CACHES | {"classifier": IN_MEMORY_CACHE},
    }
    probes = [
        ("rules, labelled set", rules, {}),
        ("10,000 x U+FDFA", expensive_input, {"OLLAMA_HOST": "http://127.0.0.1:9"}),
        (f"hung Ollama, {args.burst} at once", lambda: hung(fake, Behaviour, args.burst), {}),
        ("trickling Ollama", lambda: trickling(fake, Behaviour, args.trickle), {}),
        (f"{args.huge_mb} MB answer", lambda: huge(fake, Behaviour, args.huge_mb), {}),
    ]
    print(f"OLLAMA_TIMEOUT {args.timeout:g} s, skip window {SKIP_SECONDS:g} s", flush=True)
    try:
        for name, probe, overrides in probes:
            with override_settings(**(chain | overrides)):
                print(f"{name:<24}{probe()}", flush=True)
    finally:
        fake.stop()


if __name__ == "__main__":
    main()
