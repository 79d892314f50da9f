"""Whether a confidence means what it says: how often answers were right above and
below the threshold, and per confidence bucket. The Accuracy report (on confirmed
tickets) and `scripts/eval --stream` (on a replayed labelled set) read it the same way."""

from collections.abc import Iterable

BUCKETS = 10  # of 0.1


def share(part: float, whole: float) -> float | None:
    """part / whole to three decimals; None when there is nothing to divide."""
    return round(part / whole, 3) if whole else None


def reliability(rows: Iterable[tuple[float | None, int, int]], threshold: float) -> dict:
    """`rows` are (confidence or None, answers, answers right). Answers without a
    confidence count as unknown; a confidence of 1 falls in the top bucket."""
    buckets = [{"tickets": 0, "right": 0, "total": 0.0} for _ in range(BUCKETS)]
    sides = {name: {"tickets": 0, "right": 0} for name in ("above", "below", "unknown")}
    for confidence, answers, right in rows:
        if confidence is None:
            side = "unknown"
        else:
            side = "below" if confidence < threshold else "above"
            bucket = buckets[min(int(confidence * BUCKETS), BUCKETS - 1)]
            bucket["tickets"] += answers
            bucket["right"] += right
            bucket["total"] += confidence * answers
        sides[side]["tickets"] += answers
        sides[side]["right"] += right
    return {
        "threshold": threshold,
        **{
            name: {"tickets": side["tickets"], "accuracy": share(side["right"], side["tickets"])}
            for name, side in sides.items()
        },
        "reliability": [
            {
                "low": index / BUCKETS,
                "high": (index + 1) / BUCKETS,
                "tickets": bucket["tickets"],
                "mean_confidence": share(bucket["total"], bucket["tickets"]),
                "accuracy": share(bucket["right"], bucket["tickets"]),
            }
            for index, bucket in enumerate(buckets)
        ],
    }
