from classifier.eval import main, percentile


def test_percentile_takes_the_nearest_rank():
    values = [float(n) for n in range(1, 21)]
    assert percentile(values, 0.5) == 10.0
    assert percentile(values, 0.95) == 19.0
    assert percentile([7.0], 0.95) == 7.0


def test_eval_prints_the_figures_and_saves_the_matrices(tmp_path, capsys):
    png = tmp_path / "confusion.png"

    assert main(["--backend", "rules", "--split", "holdout", "--png", str(png)]) == 0

    output = capsys.readouterr().out
    assert "category accuracy" in output
    assert "priority accuracy" in output
    assert "latency ms: p50" in output
    assert "priority confusion" in output
    assert png.read_bytes().startswith(b"\x89PNG")


def test_the_stream_learns_a_convention_the_rules_cannot_know():
    """Another team calls every billing ticket high: within the first retrainings the
    chain's learned model follows it; the rules never do."""
    from classifier import stream
    from classifier.eval import DATA, load

    tickets = [stream.billing_is_high(ticket) for ticket in load(DATA, "all")]
    answers = stream.replay(tickets, seed=1, every=20, min_tickets=50, threshold=0.5)
    late = answers[150:]
    chain = sum(a.right(a.chain, "priority") for a in late) / len(late)
    rules = sum(a.right(a.rules, "priority") for a in late) / len(late)
    assert chain >= rules + 0.08
    assert all(a.backend == "rules" for a in answers[:40])  # before it may answer
    assert sum(a.backend == "learned" for a in late) / len(late) > 0.9


def test_eval_stream_prints_the_learning_curve_and_the_reliability(capsys):
    assert main(["--stream", "--seeds", "1", "--window", "100", "--every", "50"]) == 0
    output = capsys.readouterr().out
    assert "seeds 1, retrained every 50" in output
    assert " 101-200 " in output
    assert "second half: chain both" in output
    assert "confidence >= 0.5:" in output
