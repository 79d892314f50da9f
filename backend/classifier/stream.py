"""Replay labelled tickets as a desk would see them: each ticket is classified before
its label is revealed, then confirmed; the learned model is retrained every
`every` confirmations, as the worker does. Prints the learning curve of the chain
(learned model when it is sure, else the rules) beside the rules alone, and whether the
confidence means something.

The replayed tickets are the team's own here, so the shipped prior is left out: the
shipped labelled set is the very set replayed, and would give the answers away.
Language models are not in this chain; `scripts/eval --backend ollama` measures them.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from classifier import learned
from classifier.base import Abstained, Labels
from classifier.reliability import reliability
from classifier.rules import RulesClassifier

FIELDS = ("category", "priority")


@dataclass
class Answer:
    ticket: dict
    chain: Labels
    backend: str
    rules: Labels

    def right(self, labels: Labels, field: str | None = None) -> bool:
        fields = FIELDS if field is None else (field,)
        return all(getattr(labels, name) == self.ticket[name] for name in fields)


def billing_is_high(ticket: dict) -> dict:
    """Another team's convention: every billing ticket is high priority."""
    return ticket | {"priority": "high"} if ticket["category"] == "billing" else ticket


CONVENTIONS: dict[str, Callable[[dict], dict]] = {"billing-high": billing_is_high}


def replay(
    tickets: list[dict], *, seed: int, every: int, min_tickets: int, threshold: float
) -> list[Answer]:
    order = list(tickets)
    random.Random(seed).shuffle(order)
    rules = RulesClassifier()
    seen: list[learned.Example] = []
    trained: learned.Trained | None = None
    answers = []
    for ticket in order:
        title, description = ticket["title"], ticket["description"]
        by_rules = rules.classify(title, description)
        try:
            labels, backend = (
                learned.answer(trained, title, description, min_tickets, threshold),
                "learned",
            )
        except Abstained:
            labels, backend = by_rules, "rules"
        answers.append(Answer(ticket, labels, backend, by_rules))
        seen.append(learned.Example(title, description, ticket["category"], ticket["priority"]))
        if len(seen) % every == 0:
            # The newest first, as the desk trains.
            trained = learned.train(seen[::-1], prior=[], seed=seed)
    return answers


def _share(flags: list[bool]) -> str:
    return f"{sum(flags) / len(flags):.2f}" if flags else "  - "


def curve(runs: list[list[Answer]], window: int) -> list[str]:
    """Accuracy per `window` tickets, pooled over the runs (one per seed)."""
    lines = [
        f"{'tickets':>9}  {'chain cat':>9} {'pri':>5} {'both':>5}   "
        f"{'rules cat':>9} {'pri':>5} {'both':>5}   learned answered"
    ]
    length = len(runs[0])
    for start in range(0, length, window):
        chunk = [answer for run in runs for answer in run[start : start + window]]
        row = [_share([a.right(a.chain, field) for a in chunk]) for field in (*FIELDS, None)] + [
            _share([a.right(a.rules, field) for a in chunk]) for field in (*FIELDS, None)
        ]
        learned_share = sum(a.backend == "learned" for a in chunk) / len(chunk)
        end = min(start + window, length)
        lines.append(
            f"{start + 1:>4}-{end:<4}  {row[0]:>9} {row[1]:>5} {row[2]:>5}   "
            f"{row[3]:>9} {row[4]:>5} {row[5]:>5}   {learned_share:>6.0%}"
        )
    everything = [answer for run in runs for answer in run]
    tail = [answer for run in runs for answer in run[length // 2 :]]
    for name, chunk in (("all", everything), ("second half", tail)):
        lines.append(
            f"{name:>11}: chain both {_share([a.right(a.chain) for a in chunk])}, "
            f"priority {_share([a.right(a.chain, 'priority') for a in chunk])}; "
            f"rules both {_share([a.right(a.rules) for a in chunk])}, "
            f"priority {_share([a.right(a.rules, 'priority') for a in chunk])}"
        )
    return lines


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def confidence(runs: list[list[Answer]], threshold: float) -> list[str]:
    """Whether confidence means something (see classifier.reliability), for every
    answer the chain gave; right means both labels."""
    answers = [answer for run in runs for answer in run]
    found = reliability(
        ((a.chain.confidence, 1, int(a.right(a.chain))) for a in answers), threshold
    )
    above, below = found["above"], found["below"]
    lines = [
        f"\nconfidence >= {threshold:g}: {above['tickets']} answers, accuracy "
        f"{_figure(above['accuracy'])}; below: {below['tickets']} answers, accuracy "
        f"{_figure(below['accuracy'])}",
        f"{'confidence':>11} {'answers':>8} {'mean':>6} {'accuracy':>9}",
    ]
    lines += [
        f"  {bucket['low']:.1f}-{bucket['high']:.1f} {bucket['tickets']:>8} "
        f"{_figure(bucket['mean_confidence']):>6} {_figure(bucket['accuracy']):>9}"
        for bucket in found["reliability"]
        if bucket["tickets"]
    ]
    return lines


def report(
    tickets: list[dict],
    *,
    seeds: list[int],
    every: int,
    min_tickets: int,
    threshold: float,
    window: int,
    convention: str | None,
) -> str:
    """The whole printout of `scripts/eval --stream`."""
    if convention:
        tickets = [CONVENTIONS[convention](ticket) for ticket in tickets]
    relabelled = f" with the {convention} convention" if convention else ""
    runs = [
        replay(tickets, seed=seed, every=every, min_tickets=min_tickets, threshold=threshold)
        for seed in seeds
    ]
    heading = (
        f"stream: {len(tickets)} tickets{relabelled}, "
        f"seeds {','.join(map(str, seeds))}, retrained every {every}, learned answers from "
        f"{min_tickets} tickets when at least {threshold:g} sure\n"
    )
    return "\n".join([heading, *curve(runs, window), *confidence(runs, threshold)])
