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
