"""`tui-nn compare`, `repeat` and `sweep`, and `train --until-loss`: tables, JSON, CSV and bad input."""

from __future__ import annotations

import csv
import json

import pytest

from tui_nn.cli import main as cli

SEED = ["--seed", "0.59704"]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_compare_prints_the_run_log_with_one_row_per_variant(capsys):
    status, out, _ = run(capsys, "compare", *SEED, "--vary", "learning-rate", "0.00001", "0.03", "3", "--epochs", "100")
    assert status == 0
    header = next(line for line in out.splitlines() if line.startswith("run"))
    assert header.split() == ["run", "began", "change", "epoch", "train", "loss", "test", "loss", "best", "test", "@epoch"]
    rows = [line for line in out.splitlines() if line.split()[:2] in (["1", "compare"], ["2", "compare"], ["3", "compare"])]
    assert [row.split()[4] for row in rows] == ["0.00001", "0.03", "3"]
    assert "3 runs in 1 stack" in out


def test_compare_json_rows_match_separate_train_runs(capsys):
    status, out, _ = run(capsys, "compare", *SEED, "--vary", "regularization", "L1", "L2", "--regularization-rate", "0.01",
                         "--epochs", "50", "--json")
    result = json.loads(out)
    assert status == 0 and [r["change"] for r in result["runs"]] == ["regularization L1", "regularization L2"]
    for row, kind in zip(result["runs"], ("L1", "L2")):
        train = json.loads(run(capsys, "train", *SEED, "--regularization", kind, "--regularization-rate", "0.01",
                               "--epochs", "50", "--json")[1])
        assert row["test_loss"] == pytest.approx(train["test_loss"], abs=1e-12)


def test_repeat_shows_the_spread_and_whether_it_covers_the_difference(capsys):
    status, out, _ = run(capsys, "repeat", "--dataset", "xor", "--activation", "relu", "--layers", "3", "--seed", "0.5",
                         "--vary", "regularization", "L1", "L2", "--regularization-rate", "0.003", "--runs", "3", "--epochs", "60")
    assert status == 0
    assert "init 3 of 3" in out and "test loss over the initial weights:" in out
    assert "difference of means" in out


def test_repeat_json_spread_is_mean_min_max_of_the_rows(capsys):
    out = run(capsys, "repeat", *SEED, "--runs", "4", "--epochs", "20", "--json")[1]
    result = json.loads(out)
    losses = [row["test_loss"] for row in result["runs"]]
    (spread,) = result["spread"]
    assert spread["runs"] == 4 and spread["min"] == min(losses) and spread["max"] == max(losses)
    assert spread["mean"] == pytest.approx(sum(losses) / 4, abs=1e-15)


def test_until_loss_stops_each_compare_row_at_its_own_epoch(capsys):
    out = run(capsys, "compare", *SEED, "--vary", "learning-rate", "0.03", "0.3", "--until-loss", "0.05", "--json")[1]
    rows = json.loads(out)["runs"]
    assert all(row["test_loss"] < 0.05 for row in rows)
    assert rows[1]["epoch"] < rows[0]["epoch"] < 500


def test_train_until_loss_stops_early_and_says_so(capsys):
    status, out, _ = run(capsys, "train", *SEED, "--until-loss", "0.05", "-q")
    assert status == 0 and "stopped early: test loss" in out
    result = json.loads(run(capsys, "train", *SEED, "--until-loss", "0.05", "--json")[1])
    assert result["test_loss"] < 0.05 and result["epochs"] < 500


def test_sweep_names_regions_and_writes_csv(capsys, tmp_path):
    path = tmp_path / "runs.csv"
    status, out, _ = run(capsys, "sweep", *SEED, "--epochs", "150", "--plot", "--csv", str(path))
    assert status == 0
    assert "regions: too small 0.00001..0.003; good 0.01..1; too large 3..10" in out
    assert "learning rate (log axis)" in out and "< too small" in out
    rows = list(csv.DictReader(path.open()))
    assert len(rows) == 11 and rows[0]["change"] == "learning rate 0.00001"


def test_batch_size_sweep_json(capsys):
    result = json.loads(run(capsys, "sweep", *SEED, "--over", "batch-size", "--values", "1", "10", "30",
                            "--epochs", "10", "--json")[1])
    assert [p["value"] for p in result["points"]] == [1, 10, 30]
    assert {p["region"] for p in result["points"]} <= {"too small", "good", "too large", "uneven", "no progress"}


@pytest.mark.parametrize(("argv", "message"), [
    (["compare", "--vary", "dataset", "xor", "spiral"], "'dataset' cannot be compared; choose one of"),
    (["compare", "--vary", "learning-rate", "abc", "1"], "--vary learning-rate: 'abc' is not a number"),
    (["compare", "--vary", "learning-rate", "1"], "compare takes 2 to 8 values, not 1"),
    (["sweep", "--over", "batch-size", "--values", "0"], "--values: 0 is not allowed"),
    (["compare", "--vary", "learning-rate", "1", "2", "--until-loss", "-1"], "'-1' is not allowed"),
])
def test_bad_input_is_one_line_naming_the_problem(capsys, argv, message):
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1
