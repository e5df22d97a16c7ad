"""The core/UI boundary at run time: core and draw modules load neither Textual nor Rich; the CLI never loads Textual.

Each module is imported in a fresh interpreter, so nothing another test imported can hide a leak.
Every module under `tui_nn/core/` and `tui_nn/draw/` is checked, so a new one needs no edit here.
The static direction of imports is the import-linter contract in `pyproject.toml` (see `test_layers.py`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tui_nn"
PLAIN_MODULES = sorted(
    ".".join(("tui_nn", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__")
    for layer in ("core", "draw")
    for path in (PACKAGE / layer).glob("*.py")
)


def loaded_after_import(module: str, candidates: tuple[str, ...]) -> list[str]:
    """Which of `candidates` are in `sys.modules` after importing `module` in a fresh interpreter."""
    code = f"import sys, {module}; print(' '.join(n for n in {candidates!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_core_and_draw_modules_are_discovered():
    assert {"tui_nn.core.config", "tui_nn.core.trainer", "tui_nn.draw.boundary"} <= set(PLAIN_MODULES)


@pytest.mark.parametrize("module", PLAIN_MODULES)
def test_core_and_draw_modules_import_neither_textual_nor_rich(module):
    assert loaded_after_import(module, ("textual", "rich")) == []


def test_cli_does_not_import_textual():
    assert loaded_after_import("tui_nn.cli.main", ("textual",)) == []


def test_cli_report_imports_neither_textual_nor_rich():
    assert loaded_after_import("tui_nn.cli.report", ("textual", "rich")) == []
