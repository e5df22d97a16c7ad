"""`--max-speed` and `--idle-pause`, or `TUI_NN_MAX_SPEED` and `TUI_NN_IDLE_PAUSE` from a server's
profile, reach the app; the option wins over the variable; a bad value is one line naming it."""

from __future__ import annotations

import argparse

import pytest

from tui_nn.cli import main as cli


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[argparse.Namespace]:
    """The app options `run_app` receives, instead of opening the app."""
    seen: list[argparse.Namespace] = []
    monkeypatch.setattr("tui_nn.ui.launch.run_app", lambda trainer, args: seen.append(args) or 0)
    monkeypatch.delenv("TUI_NN_MAX_SPEED", raising=False)
    monkeypatch.delenv("TUI_NN_IDLE_PAUSE", raising=False)
    return seen


def limits(opened: list[argparse.Namespace]) -> tuple[object, object]:
    [args] = opened
    return args.max_speed, args.idle_pause


def test_without_options_or_variables_there_are_no_limits(opened):
    assert cli.main([]) == 0
    assert limits(opened) == (None, None)


def test_options_set_the_limits(opened):
    assert cli.main(["--max-speed", "120", "--idle-pause", "900"]) == 0
    assert limits(opened) == (120, 900)


def test_variables_set_the_limits(opened, monkeypatch):
    monkeypatch.setenv("TUI_NN_MAX_SPEED", "30")
    monkeypatch.setenv("TUI_NN_IDLE_PAUSE", "1.5")
    assert cli.main([]) == 0
    assert limits(opened) == (30, 1.5)


def test_the_option_wins_over_the_variable(opened, monkeypatch):
    monkeypatch.setenv("TUI_NN_MAX_SPEED", "30")
    monkeypatch.setenv("TUI_NN_IDLE_PAUSE", "60")
    assert cli.main(["--max-speed", "240", "--idle-pause", "600"]) == 0
    assert limits(opened) == (240, 600)


BAD_VALUES = ["fast", "0", "-5", "nan", "inf", "1e99", " 12 minutes"]


@pytest.mark.parametrize("value", BAD_VALUES)
@pytest.mark.parametrize("variable", ["TUI_NN_MAX_SPEED", "TUI_NN_IDLE_PAUSE"])
def test_a_bad_variable_is_one_line_naming_it(opened, monkeypatch, capsys, variable, value):
    monkeypatch.setenv(variable, value)
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"tui-nn: error: {variable}: {value.strip()!r} is not ")
    assert opened == []


@pytest.mark.parametrize("option", ["--max-speed", "--idle-pause"])
def test_a_bad_option_is_one_line_naming_it(opened, capsys, option):
    assert cli.main([option, "soon"]) == 2
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and option in err
    assert opened == []


def test_headless_training_ignores_the_apps_variables(monkeypatch, capsys):
    monkeypatch.setenv("TUI_NN_MAX_SPEED", "fast")
    assert cli.main(["train", "--epochs", "1", "--json"]) == 0
