"""`tui-nn lesson`: a lesson's checks headless, with pass or fail per target and the figures."""

from __future__ import annotations

import json

import pytest

from tui_nn.cli import main as cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_lesson_with_its_solution_passes_and_prints_the_figures(capsys):
    status, out, _ = run(capsys, "lesson", "lr-too-small", "--solution")
    assert status == 0
    assert "PASS  fall: test loss fell below 0.05 at epoch 101: target met" in out
    assert "1 of 1 targets met" in out


def test_lesson_as_it_opens_fails_with_status_1(capsys):
    status, out, _ = run(capsys, "lesson", "lr-too-small")
    assert status == 1 and "FAIL  fall: test loss 0.501 at epoch 300" in out


def test_lesson_grades_the_settings_given_with_with(capsys):
    status, out, _ = run(capsys, "lesson", "xor-smallest", "--with", "networkShape=3")
    assert status == 0 and "with 3 neurons: target met" in out


def test_lesson_json_is_one_object(capsys):
    status, out, _ = run(capsys, "lesson", "lr-too-large", "--solution", "--json")
    report = json.loads(out)
    assert status == 0 and report["passed"] and report["targets"][0]["value"] > 0.05


def test_lesson_list_shows_bundled_and_instructor_lessons(capsys, tmp_path):
    (tmp_path / "mine.lesson").write_text(
        "[lesson]\ntitle = Mine\nlink = dataset=xor\nwatch = w\nepochs = 5\n"
        "[target t]\nsay = s\nmeasure = test_loss\nbelow = 1\n")
    status, out, _ = run(capsys, "lesson", "--list", "--lessons", str(tmp_path))
    assert status == 0 and "lr-too-small" in out and "mine" in out and str(tmp_path) in out


def test_lesson_malformed_file_is_one_line_naming_file_and_field(capsys, tmp_path):
    (tmp_path / "bad.lesson").write_text("[lesson]\ntitle = Bad\nlink = dataset=xor\nwatch = w\nepochs = five\n"
        "[target t]\nsay = s\nmeasure = test_loss\nbelow = 1\n")
    status, _, err = run(capsys, "lesson", "--list", "--lessons", str(tmp_path))
    assert status == 2
    assert err.strip() == f"tui-nn: error: {tmp_path / 'bad.lesson'}: [lesson] epochs: 'five' is not a whole number"


def test_unknown_lesson_is_named(capsys):
    status, _, err = run(capsys, "lesson", "nope")
    assert status == 2 and "no lesson named 'nope'" in err
