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
