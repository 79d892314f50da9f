"""Measure a classifier backend on the labelled tickets.

    scripts/eval [--backend rules|ollama|cloud|chain] [--split dev|holdout|all]
                 [--png PATH] [--errors]
    scripts/eval --stream [--seeds 1,2,3] [--convention billing-high] [--every N]
                 [--min-tickets N] [--threshold X] [--window N]

Prints the accuracy of each field (overall and by kind of ticket), the confusion
matrices and the latency p50/p95. A model backend is called directly, without the
fallback chain, so its failures count as misses instead of being hidden by the rules.
"""

import argparse
import json
import os
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "labelled_tickets.jsonl"
FIELDS = ("category", "priority")


@dataclass
class Result:
    ticket: dict
    predicted: dict | None  # None when the backend failed
    latency_ms: float
    failure: str = ""

    def correct(self, field: str) -> bool:
        return self.predicted is not None and self.predicted[field] == self.ticket[field]


def load(path: Path, split: str) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        tickets = [json.loads(line) for line in lines if line.strip()]
    return [ticket for ticket in tickets if split == "all" or ticket["split"] == split]


def _classifier(name: str):
    """A callable (title, description) -> {"category", "priority"} for one backend."""
    from classifier import classify
    from classifier.chain import build_chain

    if name == "chain":
        return lambda title, description: vars(classify(title, description))
    chain = build_chain()
    backends = {backend.backend.value: backend for backend in [*chain.models, chain.last_resort]}
    if name not in backends:
        sys.exit(f"backend {name!r} is not enabled (cloud needs LLM_API_KEY)")
    backend = backends[name]
    return lambda title, description: vars(backend.classify(title, description))


def run(name: str, tickets: list[dict]) -> list[Result]:
    from classifier.base import ClassifierError

    classify = _classifier(name)
    results = []
    for ticket in tickets:
        started = time.perf_counter()
        try:
            predicted, failure = classify(ticket["title"], ticket["description"]), ""
        except ClassifierError as error:
            predicted, failure = None, error.reason
        latency = (time.perf_counter() - started) * 1000
        results.append(Result(ticket, predicted, latency, failure))
    return results


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile: the smallest value with `fraction` of values at or below."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def confusion(results: list[Result], field: str, choices: list[str]) -> list[list[int]]:
    """Rows are the expected label, columns the predicted one; failures are left out."""
    counts = Counter(
        (result.ticket[field], result.predicted[field])
        for result in results
        if result.predicted is not None
    )
    return [[counts[(expected, got)] for got in choices] for expected in choices]


def report(name: str, results: list[Result], choices: dict[str, list[str]]) -> None:
    total = len(results)
    print(f"backend: {name}   tickets: {total}   failed: {sum(not r.predicted for r in results)}")
    for field in FIELDS:
        right = sum(result.correct(field) for result in results)
        print(f"{field:>9} accuracy: {right / total:.3f} ({right}/{total})")
    both = sum(all(result.correct(field) for field in FIELDS) for result in results)
    print(f"     both accuracy: {both / total:.3f}")
    latencies = [result.latency_ms for result in results]
    print(
        f"latency ms: p50 {percentile(latencies, 0.5):.1f}   "
        f"p95 {percentile(latencies, 0.95):.1f}   max {max(latencies):.1f}"
    )
    print("\nby kind            n  category  priority")
    for kind in sorted({result.ticket["kind"] for result in results}):
        group = [result for result in results if result.ticket["kind"] == kind]
        scores = [sum(r.correct(field) for r in group) / len(group) for field in FIELDS]
        print(f"  {kind:<14} {len(group):>3}  {scores[0]:>8.2f}  {scores[1]:>8.2f}")
    for field in FIELDS:
        labels = choices[field]
        print(f"\n{field} confusion (rows expected, columns predicted)")
        print(" " * 11 + "".join(f"{label:>10}" for label in labels))
        for label, row in zip(labels, confusion(results, field, labels), strict=True):
            print(f"{label:>11}" + "".join(f"{count:>10}" for count in row))


def print_errors(results: list[Result]) -> None:
    print("\nmisses (expected -> predicted)")
    for result in results:
        if all(result.correct(field) for field in FIELDS):
            continue
        expected = "/".join(result.ticket[field] for field in FIELDS)
        got = "/".join(result.predicted[f] for f in FIELDS) if result.predicted else "failed"
        text = f"{result.ticket['title']}: {result.ticket['description']}"
        print(f"  {expected:>18} -> {got:<18} {result.failure or text[:90]}")


def save_png(name: str, results: list[Result], choices: dict[str, list[str]], path: Path) -> bool:
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot
    except ImportError:
        print("--png needs matplotlib: pip install -r requirements-dev.txt", file=sys.stderr)
        return False
    figure, axes = pyplot.subplots(1, 2, figsize=(11, 4.8))
    for axis, field in zip(axes, FIELDS, strict=True):
        labels = choices[field]
        matrix = confusion(results, field, labels)
        axis.imshow(matrix, cmap="Blues")
        axis.set_xticks(range(len(labels)), labels, rotation=30)
        axis.set_yticks(range(len(labels)), labels)
        axis.set_xlabel("predicted")
        axis.set_ylabel("expected")
        right = sum(result.correct(field) for result in results)
        axis.set_title(f"{field}: {right / len(results):.2f}")
        peak = max(max(row) for row in matrix) or 1
        for row, counts in enumerate(matrix):
            for column, count in enumerate(counts):
                colour = "white" if count > peak / 2 else "black"
                axis.text(column, row, count, ha="center", va="center", color=colour)
    figure.suptitle(f"{name} on {len(results)} labelled tickets")
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    print(f"\nconfusion matrices saved to {path}")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/eval", description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=["rules", "ollama", "cloud", "chain"], default="rules")
    parser.add_argument("--split", choices=["dev", "holdout", "all"], default="all")
    parser.add_argument("--data", type=Path, default=DATA, help="a JSONL file of tickets")
    parser.add_argument("--png", type=Path, help="also save the confusion matrices here")
    parser.add_argument("--errors", action="store_true", help="list every misclassified ticket")
    parser.add_argument(
        "--stream",
        action="store_true",
        help="replay the tickets in order, confirming each after it is classified and "
        "retraining the learned model; print the learning curve (see classifier/stream.py)",
    )
    parser.add_argument("--seeds", default="1,2,3", help="--stream: shuffles to replay")
    parser.add_argument(
        "--convention",
        choices=["billing-high"],
        help="--stream: relabel the tickets with another team's convention first",
    )
    parser.add_argument("--every", type=int, help="--stream: retrain after this many tickets")
    parser.add_argument(
        "--min-tickets", type=int, help="--stream: the learned model answers from this many"
    )
    parser.add_argument("--threshold", type=float, help="--stream: the confidence threshold")
    parser.add_argument("--window", type=int, default=50, help="--stream: tickets per row")
    args = parser.parse_args(argv)

    # The settings module insists on these; the evaluation touches no database.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "eval-only")
    os.environ.setdefault("DATABASE_URL", "sqlite://:memory:")
    import django

    django.setup()
    from labels import Category, Priority

    choices = {"category": list(Category.values), "priority": list(Priority.values)}
    tickets = load(args.data, args.split)
    if not tickets:
        sys.exit(f"no tickets in {args.data} for split {args.split!r}")
    if args.stream:
        from django.conf import settings

        from classifier import stream

        print(
            stream.report(
                tickets,
                seeds=[int(seed) for seed in args.seeds.split(",")],
                every=args.every or settings.CLASSIFIER_RETRAIN_EVERY,
                min_tickets=args.min_tickets or settings.CLASSIFIER_LEARNED_MIN_TICKETS,
                threshold=(
                    settings.CLASSIFIER_CONFIDENCE_THRESHOLD
                    if args.threshold is None
                    else args.threshold
                ),
                window=args.window,
                convention=args.convention,
            )
        )
        return 0
    from django.conf import settings
    from django.test import override_settings

    from classifier.chain import IN_MEMORY_CACHE

    with override_settings(CACHES=settings.CACHES | {"classifier": IN_MEMORY_CACHE}):
        results = run(args.backend, tickets)
    report(args.backend, results, choices)
    if args.errors:
        print_errors(results)
    if args.png and not save_png(args.backend, results, choices, args.png):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
