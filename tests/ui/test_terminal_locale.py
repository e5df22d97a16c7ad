"""A locale that is not UTF-8 (``LANG=C``, ``LC_ALL=C``) puts the app in ASCII mode by itself, seen
through CPython's coercion of the C locale to C.UTF-8."""

from __future__ import annotations

import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from helpers import running
from tui_nn.core.config import Config
from tui_nn.core.trainer import Trainer
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.launch import run_app
from tui_nn.ui.terminal_locale import utf8_terminal

LOCALE_VARIABLES = ("LC_ALL", "LC_CTYPE", "LANG", "PYTHONUTF8", "PYTHONCOERCECLOCALE", "PYTHONIOENCODING")


@pytest.mark.parametrize(
    ("environ", "utf8_mode", "expected"),
    [
        ({"LANG": "en_GB.UTF-8"}, False, True),
        ({"LANG": "C.UTF-8"}, False, True),
        ({"LANG": "de_DE.utf8@euro"}, False, True),
        ({"LC_CTYPE": "UTF-8"}, False, True),  # macOS's way
        ({"LANG": "C"}, False, False),
        ({"LANG": "POSIX"}, False, False),
        ({"LANG": "en_US"}, False, False),  # ISO-8859-1
        ({"LANG": "en_US.ISO-8859-1"}, False, False),
        ({}, False, False),
        ({"LANG": "en_GB.UTF-8", "LC_ALL": "C"}, False, False),
        ({"LANG": "C", "LC_ALL": "en_GB.UTF-8"}, False, True),
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, True, False),  # what CPython leaves after coercing LANG=C
        ({"LANG": "en_US.UTF-8", "LC_CTYPE": "C.UTF-8"}, True, True),  # a UTF-8 locale that is not installed
        ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, False, True),  # set by the user, not by CPython
    ],
)
def test_the_users_locale_decides(environ, utf8_mode, expected):
    assert utf8_terminal(environ, "utf-8", utf8_mode) is expected


def test_an_output_that_is_not_utf8_means_ascii():
    assert utf8_terminal({"LANG": "en_GB.UTF-8"}, "ascii", False) is False


def run_with(**variables: str) -> str:
    """``utf8_terminal()`` in a fresh interpreter with only ``variables`` set for the locale."""
    environ = {key: value for key, value in os.environ.items() if key not in LOCALE_VARIABLES}
    done = subprocess.run(
        [sys.executable, "-c", "from tui_nn.ui.terminal_locale import utf8_terminal; print(utf8_terminal())"],
        env=environ | variables, capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


@pytest.mark.parametrize(
    ("variables", "expected"),
    [({"LANG": "C"}, "False"), ({"LC_ALL": "C"}, "False"), ({}, "False"), ({"LANG": "C.UTF-8"}, "True"),
     ({"LANG": "C", "PYTHONIOENCODING": "ascii"}, "False")],
)
def test_a_real_interpreter_sees_through_the_coercion(variables, expected):
    assert run_with(**variables) == expected


@pytest.mark.parametrize(("locale", "ascii_mode"), [("C", True), ("C.UTF-8", False)])
def test_run_app_falls_back_to_ascii_under_a_c_locale(monkeypatch, locale, ascii_mode):
    for name in LOCALE_VARIABLES + ("NO_COLOR",):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LC_ALL", locale)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setattr("sys.stdout", SimpleNamespace(encoding="utf-8"))
    opened: list[PlaygroundApp] = []
    monkeypatch.setattr(PlaygroundApp, "run", lambda self: opened.append(self))
    run_app(Trainer(Config(seed="0.1")), SimpleNamespace(speed=60, fps=10, ascii=False, save=None))
    assert opened[0].ascii_mode is ascii_mode


@pytest.mark.parametrize(("ascii_mode", "border"), [(True, "ascii"), (False, "vkey")])
async def test_ascii_mode_draws_the_column_border_in_ascii(ascii_mode, border):
    app = PlaygroundApp(Trainer(Config(seed="0.1")), ascii_mode=ascii_mode)
    async with running(app, (120, 40)) as pilot:
        await pilot.pause()
        assert app.query_one("#settings").styles.border_right[0] == border
