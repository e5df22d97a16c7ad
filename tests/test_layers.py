"""The import contract of `pyproject.toml` ([tool.importlinter]): layers point down, core and draw know no screen."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_contract_is_kept():
    lint = shutil.which("lint-imports")
    assert lint is not None, "lint-imports missing: install the test extra (pip install -e '.[test]')"
    done = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
