"""`tui-nn train --save-run/--resume/--export`, `tui-nn export` and `tui-nn check` (grading)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from tui_nn.cli import main as cli
from playground_links import DEFAULT_HASH

ADAM = ("--seed", "0.5", "--optimizer", "adam", "--learning-rate", "0.01", "--shuffle", "-q")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_resume_from_the_cli_equals_one_longer_run(capsys, tmp_path):
    saved = str(tmp_path / "lab.npz")
    assert run(capsys, "train", *ADAM, "--epochs", "7", "--save-run", saved)[0] == 0
    _, resumed, _ = run(capsys, "train", "--resume", saved, "--epochs", "8", "--json", "-q")
    _, straight, _ = run(capsys, "train", *ADAM, "--epochs", "15", "--json")
    assert json.loads(resumed) == json.loads(straight)


def test_options_change_a_resumed_run(capsys, tmp_path):
    saved = str(tmp_path / "lab.npz")
    run(capsys, "train", *ADAM, "--epochs", "2", "--save-run", saved)
    status, out, _ = run(capsys, "train", "--resume", saved, "--learning-rate", "0.003", "--epochs", "1", "--json")
    report = json.loads(out)
    assert status == 0 and report["config"]["learning_rate"] == 0.003 and report["epochs"] == 3


def test_resume_refuses_a_model_file_by_name(capsys, tmp_path):
    model = str(tmp_path / "model.npz")
    run(capsys, "train", "--seed", "0.5", "--epochs", "1", "--save", model, "-q")
    status, _, err = run(capsys, "train", "--resume", model)
    assert status == 2 and "a model file" in err and "--load" in err


def test_train_exports_next_to_the_saved_run(capsys, tmp_path):
    saved = tmp_path / "lab.npz"
    status, out, _ = run(capsys, "train", *ADAM, "--epochs", "3", "--save-run", str(saved), "--export", "boundary,loss,link")
    assert status == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lab-boundary.svg", "lab-link.txt", "lab-loss.csv", "lab.npz"]
    ET.parse(tmp_path / "lab-boundary.svg")
    assert "optimizer=adam" in (tmp_path / "lab-link.txt").read_text()


def test_export_without_a_saved_run_is_refused_before_training(capsys):
    status, out, err = run(capsys, "train", "--export", "all")
    assert status == 2 and "--save-run" in err and out == ""


def test_unknown_export_is_named(capsys, tmp_path):
    status, _, err = run(capsys, "export", str(tmp_path / "x.npz"), "--what", "boundary,movie")
    assert status == 2 and "movie" in err and "boundary" in err


def test_export_command_writes_every_file_including_the_screen(capsys, tmp_path):
    saved = str(tmp_path / "lab.npz")
    run(capsys, "train", *ADAM, "--epochs", "2", "--save-run", saved)
    status, out, err = run(capsys, "export", saved, "--size", "80x24")
    assert status == 0, err
    assert len(out.splitlines()) == 5
    screen = ET.parse(tmp_path / "lab-screen.svg").getroot()
    assert screen.tag.endswith("svg")
    assert (tmp_path / "lab-weights.npz").exists()


def test_check_passes_a_link_that_meets_its_targets(capsys):
    status, out, _ = run(capsys, "check", DEFAULT_HASH, "--max-test-loss", "0.05", "--min-accuracy", "95",
                         "--max-neurons", "6", "--within", "300")
    assert status == 0
    assert out.startswith("PASS") and "test loss" in out and "neurons 6 <= 6" in out


def test_check_fails_with_the_figures_that_missed(capsys):
    status, out, _ = run(capsys, "check", DEFAULT_HASH, "--max-test-loss", "0.001", "--max-neurons", "4", "--within", "20")
    assert status == 1
    assert out.startswith("FAIL") and "neurons 6 > 4" in out and "epochs 20 <= 20" in out


def test_check_grades_saved_runs_as_saved_and_reports_json(capsys, tmp_path):
    good, short = str(tmp_path / "good.npz"), str(tmp_path / "short.npz")
    run(capsys, "train", "--link", DEFAULT_HASH, "--epochs", "300", "--save-run", good, "-q")
    run(capsys, "train", "--link", DEFAULT_HASH, "--epochs", "5", "--save-run", short, "-q")
    status, out, _ = run(capsys, "check", good, short, "--max-test-loss", "0.05", "--max-weights", "20", "--json")
    results = [json.loads(line) for line in out.splitlines()]
    assert status == 1
    assert [r["passed"] for r in results] == [True, False]
    assert results[0]["figures"]["weights"] == 2 * 4 + 4 * 2 + 2 and results[1]["figures"]["epoch"] == 5


def test_check_fails_an_unreadable_submission_with_its_reason(capsys, tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_text("hello")
    status, out, _ = run(capsys, "check", str(junk), "--within", "10")
    assert status == 1 and out.startswith("FAIL") and "not an .npz archive" in out


def test_check_names_a_missing_run_file(capsys, tmp_path):
    status, out, _ = run(capsys, "check", str(tmp_path / "lost.npz"), "--within", "10")
    assert status == 1 and "lost.npz: no such file" in out


def test_check_needs_a_target(capsys):
    status, _, err = run(capsys, "check", DEFAULT_HASH)
    assert status == 2 and "at least one target" in err


def test_check_reads_accuracy_in_percent(capsys):
    status, _, err = run(capsys, "check", DEFAULT_HASH, "--min-accuracy", "0.95")
    assert status == 2 and "95 means 95%" in err
