"""The app on a CSV data file (``tui-nn --data FILE``): the Dataset row names it, ←/→ leave it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import drawn, started, wait_until
from tui_nn.core.config import Config
from tui_nn.ui.app import PlaygroundApp
from tui_nn.ui.widgets.settings_panel import SettingsPanel

MOONS = str(Path(__file__).resolve().parents[2] / "datasets" / "moons.csv")

pytestmark = pytest.mark.app(config=Config(data_file=MOONS, seed="1"))


def long_named_copy(tmp_path: Path) -> Config:
    """The moons run on a copy of its file whose name is too long for the panel."""
    path = tmp_path / "a_rather_long_dataset_name_indeed.csv"
    path.write_text(Path(MOONS).read_text())
    return Config(data_file=str(path), seed="1")


def panel_text(app: PlaygroundApp) -> str:
    return "\n".join(drawn(app.query_one(SettingsPanel)))


def dataset_row(app: PlaygroundApp) -> str:
    return next(line for line in drawn(app.query_one(SettingsPanel)) if line.startswith("Dataset"))


async def test_dataset_row_names_the_data_file(app):
    assert dataset_row(app).split() == ["Dataset", "moons.csv"]


async def test_previews_mark_no_built_in_dataset_while_a_file_is_in_use(app):
    text = panel_text(app)
    assert "Circle" in text and ">" not in text


@pytest.mark.app(config=long_named_copy)
async def test_file_name_stays_within_the_panel_width(app):
    row = dataset_row(app)
    assert row.split() == ["Dataset", "a_rather_lo..."]
    assert len(row.rstrip()) <= app.query_one(SettingsPanel).content_size.width


async def test_right_on_the_dataset_row_switches_to_a_built_in_dataset(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("down", "right")
    await wait_until(pilot, lambda: app.snapshot.config.data_file is None)
    assert app.snapshot.config.dataset == "circle"
    assert len(app.snapshot.data.train_labels) == 250
    assert dataset_row(app).split() == ["Dataset", "◀Circle▶"]
