"""In the app, a link whose ``dataFile=`` names a bad file gives a message and keeps the current run."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import started, stepped, wait_until
from tui_nn.core.config import Config
from tui_nn.ui.widgets.status_bar import StatusBar


@pytest.mark.parametrize(
    "data", [b"", b"x1,x2,label\n", bytes(range(256)) * 8, b"x1,x2,label\n1,2,nan\n1,2,1\n", b"x1,x2,label\n1,2\n"],
    ids=["empty", "header-only", "binary", "nan", "columns"],
)
async def test_a_link_to_a_bad_data_file_keeps_the_run_and_says_why(app, pilot, seen, tmp_path: Path, data: bytes):
    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    await started(pilot, seen)
    await stepped(pilot, app, 2)
    before = app.snapshot.config
    await pilot.press("o")
    app.screen.link_input.value = Config(data_file=str(path), seed="0.5").to_link()
    await pilot.press("enter")
    status = app.query_one(StatusBar)
    await wait_until(pilot, lambda: status.message_is_error and str(path) in status.message)
    assert "\n" not in status.message
    await stepped(pilot, app, 1)
    assert (app.snapshot.config, app.snapshot.epoch) == (before, 3)
