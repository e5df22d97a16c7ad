"""Classroom links in the app: controls a link hides (<id>_hide=true) lose their panel row, key and palette entry."""

from __future__ import annotations

import pytest


from playground_links import DEFAULT_HASH
from helpers import drawn, started, wait_until
from tui_nn.core.config import Config
from tui_nn.ui.widgets.settings_panel import SettingsPanel

HIDING = DEFAULT_HASH + "&learningRate_hide=true&playButton_hide=true&showTestData_hide=true"


CLASSROOM = Config.from_link(HIDING)


@pytest.mark.app(config=CLASSROOM)
async def test_a_hidden_setting_has_no_panel_row(app):
    text = "\n".join(drawn(app.query_one(SettingsPanel)))
    assert "Learning rate" not in text and "Test data" not in text and "Activation" in text


@pytest.mark.app(config=CLASSROOM)
async def test_the_keys_of_hidden_controls_do_nothing(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("right_square_bracket", "space", "t")
    await pilot.pause()
    assert app.state.config.learning_rate == 0.03 and not app.playing
    assert app.state.config.show_test_data is False


@pytest.mark.app(config=CLASSROOM)
async def test_visible_controls_still_work_beside_hidden_ones(app, pilot, seen):
    await started(pilot, seen)
    await pilot.press("s")
    await wait_until(pilot, lambda: app.snapshot.epoch == 1)


@pytest.mark.app(config=CLASSROOM)
async def test_help_names_the_hidden_controls(app):
    notes = dict(app.key_help())
    assert "learningRate" in notes["hidden"] and "playButton" in notes["hidden"]


@pytest.mark.app(config=CLASSROOM)
async def test_the_palette_leaves_hidden_controls_out(app):
    titles = [command.title for command in app.get_system_commands(app.screen)]
    assert "Play/pause" not in titles and "LR+" not in titles
    assert "Increase learning rate" not in titles and "Increase activation" in titles


@pytest.mark.app(config=CLASSROOM)
async def test_sharing_keeps_the_hidden_controls(app):
    assert app.snapshot.config.to_link().endswith("&learningRate_hide=true&showTestData_hide=true&playButton_hide=true")
