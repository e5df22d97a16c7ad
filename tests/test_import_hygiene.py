"""The core/UI boundary: core modules import neither Textual nor Rich; the CLI never imports Textual.

Each module is imported in a fresh interpreter, so nothing another test imported can hide a leak.
Core modules are every `tui_nn/*.py` except the command-line front end (`cli*.py`, `__main__.py`),
so a new core module is checked without editing this file.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "tui_nn"
CORE_MODULES = sorted(
    "tui_nn" if path.stem == "__init__" else f"tui_nn.{path.stem}"
    for path in PACKAGE.glob("*.py")
    if not path.stem.startswith("cli") and path.stem != "__main__"
)


def loaded_after_import(module: str, candidates: tuple[str, ...]) -> list[str]:
    """Which of `candidates` are in `sys.modules` after importing `module` in a fresh interpreter."""
    code = f"import sys, {module}; print(' '.join(n for n in {candidates!r} if n in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=PACKAGE.parent, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_core_modules_are_discovered():
    assert {"tui_nn.config", "tui_nn.trainer", "tui_nn.render"} <= set(CORE_MODULES)
    assert "tui_nn.cli" not in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_imports_neither_textual_nor_rich(module):
    assert loaded_after_import(module, ("textual", "rich")) == []


def test_cli_does_not_import_textual():
    assert loaded_after_import("tui_nn.cli", ("textual",)) == []


def test_cli_report_imports_neither_textual_nor_rich():
    assert loaded_after_import("tui_nn.cli_report", ("textual", "rich")) == []
