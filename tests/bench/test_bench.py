"""The benchmark: its pure-Python reference trains exactly like the Trainer, and its output has every figure.

Nothing here asserts on time: the machines are shared, and budgets are for `python -m tui_nn.bench`.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui_nn.bench import run as bench
from tui_nn.bench.pty_session import FIRST_FRAME_MARK, QueryAnswerer, TerminalSession
from tui_nn.bench.trainer import CASES, SKLEARN_MISSING, port_agreement
from tui_nn.core.config import Config
from tui_nn.core.features import FEATURES

TINY = ["--seconds", "0.001", "--repeats", "1"]


def run_json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict:
    assert bench.main([*argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_python_port_matches_trainer_on_default_network():
    assert max(port_agreement(CASES[0].config, epochs=2).values()) <= 1e-9


@pytest.mark.parametrize("activation", ["tanh", "relu", "sigmoid", "linear"])
def test_python_port_matches_trainer_on_deep_network_with_carried_leftovers(activation):
    # 250 training points in batches of 30 leave 10 whose derivatives carry into the next epoch.
    config = Config(features=tuple(FEATURES), hidden_layers=(4, 3, 3), activation=activation, batch_size=30, seed="0.59704")
    assert max(port_agreement(config, epochs=2).values()) <= 1e-9


def test_python_port_matches_trainer_on_regression():
    config = Config(problem="regression", hidden_layers=(3,), batch_size=7, seed="0.12345")
    assert max(port_agreement(config, epochs=2).values()) <= 1e-9


def test_quick_frame_json_has_every_figure(capsys):
    report = run_json(capsys, ["--quick", "--no-app", "--only", "frame"])
    assert set(report) == {"settings", "results", "checks", "app", "machine"}
    assert [row["key"] for row in report["results"]] == ["frame.grid_100x100_B", "frame.120x40_A", "frame.120x40_B", "frame.valley_41x41_A"]
    assert all(row["ours"] > 0 and row["unit"] == "ms" for row in report["results"])
    assert report["results"][0]["verdict"] in {"PASS", "FAIL"}
    assert report["results"][3]["verdict"] in {"PASS", "FAIL"}
    assert {"cores", "cpu", "python", "numpy", "scikit-learn", "textual", "date"} <= set(report["machine"])


def test_trainer_json_reports_three_contenders_and_the_port_check(capsys):
    report = run_json(capsys, ["--only", "trainer", *TINY])
    rows = {row["key"]: row for row in report["results"]}
    assert list(rows) == ["trainer.A", "trainer.B", "trainer.C", "trainer.D"]
    assert set(rows["trainer.A"]["references"]) == {"scikit-learn", "python"}
    assert report["checks"]["port_agrees"] is True


def test_missing_scikit_learn_is_reported_not_fatal(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    monkeypatch.setitem(sys.modules, "sklearn.neural_network", None)
    report = run_json(capsys, ["--only", "trainer", *TINY])
    rows = {row["key"]: row for row in report["results"]}
    assert report["machine"]["scikit-learn"] == SKLEARN_MISSING
    assert rows["trainer.B"]["references"]["scikit-learn"] is None
    assert rows["trainer.B"]["verdict"] == "n/a"
    assert rows["trainer.A"]["ratios"]["python"] > 0


def test_missing_scikit_learn_is_named_in_the_table(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    assert bench.main(["--only", "trainer", *TINY]) == 0
    assert "scikit-learn not installed: pip install -e '.[bench]'" in capsys.readouterr().out


def test_importing_the_benchmark_loads_neither_scikit_learn_nor_textual():
    modules = "tui_nn.bench.run, tui_nn.bench.trainer, tui_nn.bench.frame, tui_nn.bench.app"
    code = f"import sys, {modules}; print(sorted(m for m in ('sklearn', 'textual') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_only_rejects_unknown_groups(capsys):
    with pytest.raises(SystemExit):
        bench.main(["--only", "trainer,gpu"])
    assert "choose from trainer,frame,app" in capsys.readouterr().err


def test_terminal_queries_split_across_reads_are_answered_once():
    queries = QueryAnswerer()
    chunks = (b"abc\x1b[?20", b"26$pxyz\x1b[", b"6n", b"plain text \x1b[>c")
    replies = [reply for chunk in chunks for reply in queries.feed(chunk)]
    assert replies == [b"\x1b[?2026;0$y", b"\x1b[1;1R", b"\x1b[>41;351;0c"]


def test_app_in_a_pseudo_terminal_shows_a_frame_and_quits_on_q():
    with TerminalSession(80, 24) as term:
        assert term.wait_for(FIRST_FRAME_MARK, timeout=30) is not None
    assert term.process.returncode == 0


def test_app_that_fails_to_start_is_reported_and_reaped():
    with TerminalSession(80, 24, args=("--no-such-option",)) as term:
        assert term.wait_for(FIRST_FRAME_MARK, timeout=30) is None
    assert term.process.returncode == 2


def test_long_runs_and_only_they_are_left_out_by_default():
    plan = bench._plan(bench._parser().parse_args([]))
    assert plan.groups == ("trainer", "frame", "app", "crowd", "stacked") and plan.instances == 30


def test_crowd_reports_one_instance_and_several_together(capsys):
    report = run_json(capsys, ["--only", "crowd", "--instances", "2", "--training-seconds", "1", "--paused-seconds", "0.5"])
    rows = {row["key"]: row for row in report["results"]}
    assert {"crowd.1.cpu_training", "crowd.1.cpu_paused", "crowd.1.peak_rss", "crowd.2.cpu_training",
            "crowd.2.cpu_training_total", "crowd.2.cpu_paused_total", "crowd.2.pss_total"} <= set(rows)
    assert all(row["ours"] is not None for row in rows.values()), [row["note"] for row in rows.values()]
    assert len(rows["crowd.2.cpu_training"]["samples"]["ours"]) == 2
    assert rows["crowd.2.epochs_per_second"]["ours"] > 0


def test_long_runs_report_memory_at_start_and_end_of_app_and_cli(capsys):
    # Enough epochs for a few memory samples even on a fast machine.
    report = run_json(capsys, ["--only", "longrun", "--longrun-epochs", "2000"])
    rows = {row["key"]: row for row in report["results"]}
    for what in ("app", "cli"):
        assert f"longrun.{what}.rss_start" in rows, rows.get(f"longrun.{what}", {}).get("note")
        assert rows[f"longrun.{what}.rss_start"]["ours"] > 0 and rows[f"longrun.{what}.rss_end"]["ours"] > 0
        assert "memory at epoch" in rows[f"longrun.{what}.rss_end"]["name"]


def test_stacked_group_reports_each_experiment_beside_one_and_separate_runs(capsys):
    report = run_json(capsys, ["--only", "stacked", *TINY])
    rows = {row["key"]: row for row in report["results"]}
    assert list(rows) == ["stacked.A8", "stacked.A11", "stacked.A8r", "stacked.B8", "stacked.A4act", "stacked.tiles"]
    assert all(set(row["references"]) == {"1 trainer", "separate"} and row["ours"] > 0 for key, row in rows.items() if key != "stacked.tiles")
    assert rows["stacked.tiles"]["unit"] == "ms" and rows["stacked.tiles"]["ours"] > 0
    assert rows["stacked.A8"]["budget"][0]["label"] == "<= 3x one run"


def test_stacked_group_has_its_own_table(capsys):
    assert bench.main(["--only", "stacked", *TINY]) == 0
    out = capsys.readouterr().out
    assert "ours/1 trainer" in out and "8 learning rates of A, one stack (8 runs, 1 stack)" in out
