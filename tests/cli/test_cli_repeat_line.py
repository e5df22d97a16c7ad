"""The report's "repeat with" line repeats the run it reports, including a run resumed from a model
file whose weights no link can give (saved after a reset, which draws from the continuing stream)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tui_nn.cli import main as cli
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer


def report(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert status == 0, err
    return out.splitlines()


def repeat_command(lines: list[str]) -> list[str]:
    """The arguments after `tui-nn` in the report's first line."""
    head, found, command = lines[0].partition("repeat with: ")
    assert found, lines[0]
    argv = shlex.split(command)
    assert argv[0] == "tui-nn"
    return argv[1:]


def results(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(("epochs ", "loss ", "accuracy "))]


@pytest.fixture
def reset_model(tmp_path: Path) -> Path:
    """A model saved after training, a reset and more training: its weights are not the seed's first ones."""
    trainer = Trainer(Config(seed="0.5", hidden_layers=(3,)))
    trainer.step(5)
    trainer.reset()
    trainer.step(7)
    path = tmp_path / "model.npz"
    trainer.save(str(path))
    return path


def test_the_repeat_line_of_a_run_loaded_after_a_reset_repeats_it(capsys, reset_model):
    first = report(capsys, "train", "--load", str(reset_model), "--epochs", "4")
    again = report(capsys, *repeat_command(first))
    assert results(again) == results(first)


def test_the_repeat_line_keeps_options_given_over_the_loaded_settings(capsys, reset_model):
    first = report(capsys, "train", "--load", str(reset_model), "--learning-rate", "0.3", "--epochs", "4")
    again = report(capsys, *repeat_command(first))
    assert results(again) == results(first)


def test_a_loaded_run_says_where_and_at_which_epoch_it_started(capsys, reset_model):
    first = report(capsys, "train", "--load", str(reset_model), "--epochs", "4")
    assert f"continued from {reset_model} at epoch 7" in first[0]


def test_a_run_saved_over_the_file_it_loaded_does_not_claim_a_repeat(capsys, reset_model):
    first = report(capsys, "train", "--load", str(reset_model), "--epochs", "4", "--save", str(reset_model))
    assert "repeat with" not in first[0]
    assert "cannot be repeated" in first[0]


def test_the_repeat_line_of_a_fresh_run_repeats_it(capsys):
    first = report(capsys, "train", "--seed", "0.25", "--layers", "3", "--epochs", "6")
    again = report(capsys, *repeat_command(first))
    assert results(again) == results(first)
